// The committed results: results/results.json (written by `npm run results`) and the
// hand-written results/explanations.md.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseExplanations, type Explanation } from './parseExplanations.ts';
import type { ResultsFile } from './ResultsFile.ts';

export const resultsPath = fileURLToPath(new URL('../../results/results.json', import.meta.url));
export const explanationsPath = fileURLToPath(new URL('../../results/explanations.md', import.meta.url));

export function committedResults(): { file: ResultsFile; explanations: Explanation[] } {
  return {
    file: JSON.parse(readFileSync(resultsPath, 'utf8')) as ResultsFile,
    explanations: parseExplanations(readFileSync(explanationsPath, 'utf8')),
  };
}
