// Rewrites the generated parts of README.md: the rule table from spec/rules.json, and the results
// block from results/results.json and results/explanations.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { readmeWithResults } from '../src/results/readmeWithResults.ts';
import { withRulesTable } from '../src/spec/rulesTable.ts';

const file = new URL('../README.md', import.meta.url);
writeFileSync(file, readmeWithResults(withRulesTable(readFileSync(file, 'utf8'))));
