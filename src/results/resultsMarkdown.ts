// The README's results block, generated from the committed results file and the explanations
// (`npm run docs`; test/results.test.ts checks the README holds exactly this).
import { erroredMarkdown } from './erroredMarkdown.ts';
import { findingsMarkdown } from './findingsMarkdown.ts';
import type { Explanation } from './parseExplanations.ts';
import type { ResultsFile } from './ResultsFile.ts';
import { resultsTable } from './resultsTable.ts';
import { runDescription } from './runDescription.ts';

const legend =
  '✓ every rule of the level passed · ✗ a rule failed · partial: passed, but not every rule of the level was judged (see notes) · ' +
  'error: a rule errored · n/a: the pool does not claim what the rules need · skipped: could not be judged here (see notes)';

export function resultsMarkdown(file: ResultsFile, explanations: readonly Explanation[]): string {
  return [runDescription(file), resultsTable(file.reports), legend, findingsMarkdown(file, explanations), erroredMarkdown(file)].filter((s) => s !== '').join('\n\n');
}
