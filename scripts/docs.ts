// Rewrites the generated parts of README.md from spec/.
import { readFileSync, writeFileSync } from 'node:fs';
import { withRulesTable } from '../src/spec/rulesTable.ts';

const file = new URL('../README.md', import.meta.url);
writeFileSync(file, withRulesTable(readFileSync(file, 'utf8')));
