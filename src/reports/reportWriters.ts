// The files a run leaves in its --report-dir, in one list: `poolcheck run` writes them as it
// judges, and `poolcheck merge` writes them again from the shards' reports read back, by calling
// the same hooks with the merged reports (onAdapterEnd per run, then onRunEnd). A new output
// added here is written by both.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AdapterReport } from '../runner/AdapterReport.ts';
import { fileReporter } from './fileReporter.ts';
import { htmlReport } from './htmlReport.ts';
import { junitXml } from './junitXml.ts';
import type { Reporter } from './Reporter.ts';
import { matrixMarkdown } from './resultsMatrix.ts';

/** One file for the whole run, written at its end from every run's report. */
function runFile(dir: string, name: string, label: string, render: (reports: readonly AdapterReport[]) => string, log: (line: string) => void): Reporter {
  return {
    onRunEnd(reports) {
      if (reports.length === 0) return;
      mkdirSync(dir, { recursive: true });
      const file = join(dir, name);
      writeFileSync(file, render(reports));
      log(`${label}: ${file}`);
    },
  };
}

/** `perRunFolders`: one folder per (adapter, mode) under `dir`, as when a command plans several. */
export function reportWriters(dir: string, perRunFolders: boolean, log: (line: string) => void = () => {}): Reporter[] {
  return [
    fileReporter(dir, perRunFolders, log),
    // The results matrix as Markdown, for CI step summaries (`cat reports/summary.md >> "$GITHUB_STEP_SUMMARY"`).
    runFile(dir, 'summary.md', 'summary', matrixMarkdown, log),
    // JUnit XML, for CI systems' test views (GitHub, GitLab, Jenkins and Azure read it).
    runFile(dir, 'junit.xml', 'junit', junitXml, log),
    // One self-contained page: the verdicts, and every failure drawn as a timeline, for people.
    runFile(dir, 'report.html', 'html', htmlReport, log),
  ];
}
