// The results of a run as a matrix, one row per pool and mode, one column per level: what the
// terminal prints at the end and what summary.md says. A level with nothing judged is `n/a`
// when the adapter does not claim what its rules need, `skipped` when something here kept its
// rules from running (no MySQL configured, fork mode not built yet); the row says why; `–` when
// none of its rules was asked for (--rules).
import type { AdapterReport } from '../runner/AdapterReport.ts';
import { levels, ruleById, type Level } from '../spec/rules.ts';
import { levelStatus } from './levelStatus.ts';

export type Cell = '✓' | '✗' | 'partial' | 'error' | 'n/a' | 'skipped' | '–';

export interface MatrixRow {
  /** `generic-pool 3.9.0`, or `reference (poolcheck reference pool 1)` when the names differ. */
  readonly pool: string;
  readonly mode: AdapterReport['mode'];
  readonly cells: Readonly<Record<Level, Cell>>;
  readonly failed: readonly string[];
  /** Failed rules the pool's documentation is silent on (poolcheck's contract, not a broken promise). */
  readonly failedSilent: readonly string[];
  readonly errored: readonly string[];
  /** Why levels show `skipped`, each reason once. */
  readonly skipped: readonly string[];
}

export const matrixColumns = levels;

export function matrixRow(report: AdapterReport): MatrixRow {
  const status = levelStatus(report.verdicts);
  const skippedIn = (level: Level) => report.verdicts.filter((v) => v.status === 'skipped' && ruleById(v.rule)?.level === level);
  const cells = Object.fromEntries(
    levels.map((level): [Level, Cell] => {
      switch (status[level]) {
        case 'passed':
          return [level, '✓'];
        case 'partial':
          return [level, 'partial'];
        case 'failed':
          return [level, '✗'];
        case 'errored':
          return [level, 'error'];
        case 'none':
          if (skippedIn(level).length > 0) return [level, 'skipped'];
          // No verdict at all: none of the level's rules was asked for (--rules).
          return [level, report.verdicts.some((v) => ruleById(v.rule)?.level === level) ? 'n/a' : '–'];
      }
    }),
  ) as Record<Level, Cell>;
  const reasons = levels.filter((l) => cells[l] === 'skipped').flatMap((l) => skippedIn(l).map((v) => (v.status === 'skipped' ? v.reason : '')));
  const { name, version } = report.pool;
  return {
    pool: name === report.adapter ? `${name} ${version}` : `${report.adapter} (${name} ${version})`,
    mode: report.mode,
    cells,
    failed: report.verdicts.filter((v) => v.status === 'failed').map((v) => v.rule),
    failedSilent: report.verdicts.filter((v) => v.status === 'failed' && 'silent' in v.basis).map((v) => v.rule),
    errored: report.verdicts.filter((v) => v.status === 'errored').map((v) => v.rule),
    skipped: [...new Set(reasons)],
  };
}

/** What a row adds after its cells: the rules that broke, then why levels were skipped. */
export function rowNotes(row: MatrixRow): string {
  return [
    ...(row.failed.length > 0 ? [`failed: ${row.failed.map((id) => (row.failedSilent.includes(id) ? `${id} (docs silent)` : id)).join(', ')}`] : []),
    ...(row.errored.length > 0 ? [`errored: ${row.errored.join(', ')}`] : []),
    ...(row.skipped.length > 0 ? [`skipped: ${row.skipped.join('; ')}`] : []),
  ].join('; ');
}

/** The matrix as aligned plain-text lines, header first. */
export function matrixLines(reports: readonly AdapterReport[]): string[] {
  const rows = reports.map(matrixRow);
  const header = ['pool', 'mode', ...matrixColumns, 'notes'];
  const table = rows.map((r) => [r.pool, r.mode, ...matrixColumns.map((l) => r.cells[l]), rowNotes(r)]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i]!.length)));
  const line = (cols: readonly string[]) => cols.map((c, i) => (i === cols.length - 1 ? c : c.padEnd(widths[i]! + 2))).join('').trimEnd();
  return [line(header), ...table.map(line)];
}

/** The matrix as Markdown, for CI step summaries (e.g. `cat reports/summary.md >> $GITHUB_STEP_SUMMARY`). */
export function matrixMarkdown(reports: readonly AdapterReport[]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const header = ['pool', 'mode', ...matrixColumns, 'notes'];
  const rows = reports.map(matrixRow).map((r) => [r.pool, r.mode, ...matrixColumns.map((l) => r.cells[l]), rowNotes(r)]);
  const legend =
    '✓ every rule of the level passed · ✗ a rule failed · partial: passed, but not every rule of the level was judged · ' +
    'error: a rule errored · n/a: the pool does not claim what the rules need · skipped: could not be judged here (see notes) · –: not asked for · ' +
    "(docs silent): the pool's documentation does not promise what the rule asks; the finding is against poolcheck's contract";
  return [
    '## poolcheck results',
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
    '',
    legend,
    '',
  ].join('\n');
}
