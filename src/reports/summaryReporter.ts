// Writes the results matrix as Markdown to `dir/summary.md` at the end of a run, for CI step
// summaries (GitHub: `cat reports/summary.md >> "$GITHUB_STEP_SUMMARY"`).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Reporter } from './Reporter.ts';
import { matrixMarkdown } from './resultsMatrix.ts';

export function summaryReporter(dir: string, log: (line: string) => void = () => {}): Reporter {
  return {
    onRunEnd(reports) {
      if (reports.length === 0) return;
      mkdirSync(dir, { recursive: true });
      const file = join(dir, 'summary.md');
      writeFileSync(file, matrixMarkdown(reports));
      log(`summary: ${file}`);
    },
  };
}
