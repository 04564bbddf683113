// The results table of the README: one row per (pool, mode), a column per level, the rules that
// failed, and notes for everything else that is not a pass. It reads levels and statuses from the
// reports themselves, so a level or a status this file has never heard of shows up as it is
// rather than being dropped; the catalogue's levels (spec/rules.json) come first, in its order.
import { levels } from '../spec/rules.ts';
import { poolLabel } from './poolLabel.ts';
import type { ReportDoc, RuleResultDoc } from './ResultsFile.ts';

const marks: Readonly<Record<string, string>> = { passed: '✓', partial: 'partial', failed: '✗', errored: 'error' };

/** The catalogue's levels, then any other level a report names, in the order first seen. */
export function levelColumns(reports: readonly ReportDoc[]): string[] {
  const seen = reports.flatMap((r) => [...Object.keys(r.levels), ...r.rules.map((rule) => rule.level)]);
  return [...new Set([...levels, ...seen])];
}

function cell(report: ReportDoc, level: string): string {
  const status = report.levels[level];
  if (status !== undefined && status !== 'none') return marks[status] ?? status;
  // Nothing judged: say why, as the results matrix does.
  const inLevel = report.rules.filter((r) => r.level === level);
  const other = inLevel.filter((r) => r.status !== 'not-applicable');
  if (inLevel.length === 0) return '–';
  if (other.length === 0) return 'n/a';
  return other.some((r) => r.status === 'skipped') ? 'skipped' : other[0]!.status;
}

/** `ERR-1 skipped: <reason> ([link](...))`, one note per status and reason, rules of many listed by count. */
function notes(report: ReportDoc): string[] {
  const groups = new Map<string, { status: string; ids: string[]; reason: string; link: string | undefined }>();
  for (const r of report.rules) {
    if (r.status === 'passed' || r.status === 'failed' || r.status === 'not-applicable') continue;
    const reason = r.status === 'errored' ? '' : (r.reason ?? '');
    const key = `${r.status}\n${reason}\n${r.link ?? ''}`;
    const group = groups.get(key) ?? { status: r.status, ids: [], reason, link: r.link };
    group.ids.push(r.id);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ status, ids, reason, link }) => {
    const who = ids.length > 3 ? `${ids.length} rules` : ids.join(', ');
    return `${who} ${status}${reason ? `: ${reason}` : ''}${link ? ` ([link](${link}))` : ''}`;
  });
}

const escape = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function resultsTable(reports: readonly ReportDoc[]): string {
  const columns = levelColumns(reports);
  const header = ['pool', 'mode', ...columns, 'rules failed', 'notes'];
  const rows = reports.map((report) => {
    const failed = report.rules.filter((r: RuleResultDoc) => r.status === 'failed').map((r) => r.id);
    return [poolLabel(report), report.run.mode, ...columns.map((l) => cell(report, l)), failed.length ? failed.join(', ') : 'none', notes(report).join('; ')];
  });
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(escape).join(' | ')} |`)].join('\n');
}
