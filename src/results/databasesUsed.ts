// The databases a results file's live runs used, each once, from the reports' own run.database.
import type { DatabaseUsed, ReportDoc } from './ResultsFile.ts';

export function databasesUsed(reports: readonly ReportDoc[]): DatabaseUsed[] {
  const out = new Map<string, DatabaseUsed>();
  for (const { run } of reports) {
    if (!run.database) continue;
    const used = { serverVersion: run.database.serverVersion, provision: run.database.provision };
    out.set(JSON.stringify(used), used);
  }
  return [...out.values()];
}
