// The exit code of `poolcheck run`, which a CI job trusts: 0 every judged rule passed; 1 a rule
// failed or errored; 2 bad usage or environment, which includes a run (one adapter in one mode)
// that judged nothing: every applicable rule skipped, e.g. a MySQL adapter with no MySQL here.
// Such a run says nothing about the pool, so it must not leave a job green unless the job says
// so with --allow-skipped. `not-applicable` rules count neither way: the pool does not claim them.
// The highest code wins (a failure found next to a run that judged nothing exits 2: the job is
// incomplete). --exit-zero turns 1 into 0 for report-only jobs; it leaves 2 alone.
import type { AdapterReport } from '../runner/AdapterReport.ts';

export interface ExitFlags {
  readonly exitZero?: boolean;
  readonly allowSkipped?: boolean;
}

export interface Exit {
  readonly code: 0 | 1 | 2;
  /** One `poolcheck: ...` line per run that judged nothing, for stderr (none with --allow-skipped). */
  readonly lines: readonly string[];
}

export function exitCode(reports: readonly AdapterReport[], flags: ExitFlags): Exit {
  const lines = flags.allowSkipped ? [] : reports.flatMap((r) => nothingJudgedLine(r) ?? []);
  if (lines.length > 0) return { code: 2, lines };
  const bad = reports.some((r) => r.verdicts.some((v) => v.status === 'failed' || v.status === 'errored'));
  return { code: bad && !flags.exitZero ? 1 : 0, lines };
}

/** "poolcheck: mysql2 in live mode judged nothing: ...", or null when the run judged a rule (or had none that apply). */
export function nothingJudgedLine(report: AdapterReport): string | null {
  if (report.verdicts.some((v) => v.status === 'passed' || v.status === 'failed' || v.status === 'errored')) return null;
  const skipped = report.verdicts.find((v) => v.status === 'skipped');
  if (skipped?.status !== 'skipped') return null;
  return `poolcheck: ${report.adapter} in ${report.mode} mode judged nothing, every applicable rule skipped: ${skipped.reason.replace(/\s+/g, ' ')} (--allow-skipped accepts a run like this)`;
}
