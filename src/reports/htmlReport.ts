// The HTML report of a run: one self-contained page (inline CSS and SVG, no script, nothing
// fetched) with the results matrix, a verdict table per adapter and mode, and every failure with
// its minimal workload drawn as a timeline (htmlFailure). A pure function of the run's reports:
// `poolcheck run` writes it at the end of a run, and a merge of sharded runs can call it too.
// Every string that comes from an adapter, a pool or an error is escaped (escapeMarkup).
import type { AdapterReport } from '../runner/AdapterReport.ts';
import type { Verdict } from '../runner/Verdict.ts';
import { ruleById } from '../spec/rules.ts';
import { escapeMarkup } from './escapeMarkup.ts';
import { failureAnchor, htmlFailure } from './htmlFailure.ts';
import { htmlReportStyle } from './htmlReportStyle.ts';
import { levelLine } from './levelStatus.ts';
import { matrixColumns, matrixRow, rowNotes } from './resultsMatrix.ts';

const h = (s: string): string => escapeMarkup(s);
const a = (s: string): string => escapeMarkup(s, { attribute: true });

const label: Record<Verdict['status'], string> = { passed: '✓ passed', failed: '✗ failed', 'not-applicable': '· not applicable', skipped: '- skipped', errored: '! error' };

function matrix(reports: readonly AdapterReport[]): string {
  const head = ['pool', 'mode', ...matrixColumns, 'notes'].map((c) => `<th>${h(c)}</th>`).join('');
  const rows = reports.map((r, k) => {
    const row = matrixRow(r);
    const cells = matrixColumns.map((l) => `<td>${h(row.cells[l])}</td>`).join('');
    return `<tr><td><a href="#adapter-${k}">${h(row.pool)}</a></td><td>${h(row.mode)}</td>${cells}<td>${h(rowNotes(row))}</td></tr>`;
  });
  return `<table class="matrix"><thead><tr>${head}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

function verdictRow(k: number, v: Verdict): string {
  const rule = ruleById(v.rule);
  const runs = v.status === 'passed' ? `${v.runs} runs` : v.status === 'failed' ? `run ${v.runs}` : '';
  const time = v.status === 'passed' || v.status === 'failed' || v.status === 'errored' ? `${Math.round(v.ms)} ms` : '';
  let detail: string;
  if (v.status === 'failed') detail = `<a href="#${a(failureAnchor(k, v.rule))}">${h(v.violation.message)}</a>`;
  else if (v.status === 'errored') detail = v.counterexample ? `<a href="#${a(failureAnchor(k, v.rule))}">${h(v.message)}</a>` : h(v.message);
  else if (v.status === 'skipped') detail = h(v.reason) + (v.link ? ` (<a href="${a(v.link)}">${h(v.link)}</a>)` : '');
  else if (v.status === 'not-applicable') detail = h(v.reason);
  else detail = '';
  return [
    `<tr class="row-${v.status}" data-rule="${a(v.rule)}" data-status="${v.status}">`,
    `<td><code>${h(v.rule)}</code></td><td>${h(rule?.title ?? '')}</td><td>${h(rule?.level ?? '')}</td>`,
    `<td class="status status-${v.status}">${label[v.status]}</td><td class="num">${runs}</td><td class="num">${time}</td><td>${detail}</td></tr>`,
  ].join('');
}

function adapterSection(report: AdapterReport, k: number): string {
  const head = [
    `${report.pool.name} ${report.pool.version}`,
    `${report.profile} (${report.numRuns} workloads per rule)`,
    `seed ${report.seed}`,
    ...(report.live ? [`${report.live.database.serverVersion} at ${report.live.database.url} (${report.live.database.provision})`] : []),
    `${(report.ms / 1000).toFixed(1)} s`,
  ].join(' · ');
  return [
    `<section class="adapter" id="adapter-${k}" data-adapter="${a(report.adapter)}" data-mode="${report.mode}">`,
    `<h2>${h(report.adapter)} · ${report.mode} mode</h2>`,
    `<p class="sub">${h(head)}<br>${h(levelLine(report.verdicts))}</p>`,
    '<table class="verdicts"><thead><tr><th>rule</th><th>title</th><th>level</th><th>verdict</th><th>runs</th><th>time</th><th>detail</th></tr></thead><tbody>',
    ...report.verdicts.map((v) => verdictRow(k, v)),
    '</tbody></table>',
    ...report.verdicts.map((v) => htmlFailure(report, k, v)).filter(Boolean),
    '</section>',
  ].join('\n');
}

/** One HTML page for a whole run: every adapter and mode judged in it. */
export function htmlReport(reports: readonly AdapterReport[]): string {
  const all = reports.flatMap((r) => r.verdicts);
  const count = (s: Verdict['status']) => all.filter((v) => v.status === s).length;
  const summary = `${reports.length} adapter run${reports.length === 1 ? '' : 's'}: ${count('passed')} passed, ${count('failed')} failed, ${count('errored')} errored, ${count('not-applicable')} not applicable, ${count('skipped')} skipped`;
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Nothing may be fetched: the page is read from CI artifacts, often without a network.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<title>poolcheck report</title>',
    `<style>${htmlReportStyle}</style>`,
    '</head>',
    '<body>',
    '<h1>poolcheck report</h1>',
    `<p class="sub" id="summary">${h(summary)}</p>`,
    matrix(reports),
    ...reports.map(adapterSection),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
