// The files a run leaves in its --report-dir, in one list: `poolcheck run` writes them as it
// judges, and `poolcheck merge` writes them again from the shards' reports read back, by calling
// the same hooks with the merged reports (onAdapterEnd per run, then onRunEnd). A new output
// added here is written by both.
import { fileReporter } from './fileReporter.ts';
import { htmlReporter } from './htmlReporter.ts';
import { junitReporter } from './junitReporter.ts';
import type { Reporter } from './Reporter.ts';
import { summaryReporter } from './summaryReporter.ts';

/** `perRunFolders`: one folder per (adapter, mode) under `dir`, as when a command plans several. */
export function reportWriters(dir: string, perRunFolders: boolean, log: (line: string) => void = () => {}): Reporter[] {
  return [fileReporter(dir, perRunFolders, log), summaryReporter(dir, log), junitReporter(dir, log), htmlReporter(dir, log)];
}
