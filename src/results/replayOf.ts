// The replay command of a rule in a committed report.json, as the run printed it: mode, and for a
// live or fork run the `--db` the report recorded (never a password: replayDbFlag).
import type { AdapterReport } from '../runner/AdapterReport.ts';
import { replayCommand } from '../reports/replayCommand.ts';
import type { ReportDoc } from './ResultsFile.ts';

export function replayOf(report: ReportDoc, rule: { readonly id: string; readonly seed?: number; readonly path?: string }): string {
  if (rule.seed === undefined || rule.path === undefined) return '';
  const { database } = report.run;
  return replayCommand({ spec: report.adapter.spec, mode: report.run.mode as AdapterReport['mode'], ...(database ? { live: { database } } : {}) }, rule.id, rule.seed, rule.path);
}
