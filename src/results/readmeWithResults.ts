// The README with its results block generated from the committed results (`npm run docs`).
import { committedResults } from './committedResults.ts';
import { resultsMarkdown } from './resultsMarkdown.ts';
import { withResultsBlock } from './withResultsBlock.ts';

export function readmeWithResults(readme: string): string {
  const { file, explanations } = committedResults();
  return withResultsBlock(readme, resultsMarkdown(file, explanations));
}
