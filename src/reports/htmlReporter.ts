// Writes the whole run as one self-contained HTML page to `dir/report.html` at the end of a run:
// the verdicts, and every failure drawn as a timeline, for people (a CI artifact to open).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { htmlReport } from './htmlReport.ts';
import type { Reporter } from './Reporter.ts';

export function htmlReporter(dir: string, log: (line: string) => void = () => {}): Reporter {
  return {
    onRunEnd(reports) {
      if (reports.length === 0) return;
      mkdirSync(dir, { recursive: true });
      const file = join(dir, 'report.html');
      writeFileSync(file, htmlReport(reports));
      log(`html: ${file}`);
    },
  };
}
