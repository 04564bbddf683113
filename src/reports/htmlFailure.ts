// One failure in the HTML report: what broke, whether the docs promise it, the minimal workload,
// its history as a timeline picture (timelineSvg) and as the text the terminal prints, and the
// command that replays it. An errored rule that was running a workload gets the same, without
// the picture: there is no history to draw.
import { connectionColors } from './connectionColors.ts';
import { formatHistory } from '../history/formatHistory.ts';
import { formatWorkload } from '../workload/formatWorkload.ts';
import type { AdapterReport } from '../runner/AdapterReport.ts';
import type { Verdict } from '../runner/Verdict.ts';
import { basisLine } from './basisLine.ts';
import { escapeMarkup } from './escapeMarkup.ts';
import { replayCommand } from './replayCommand.ts';
import { KIND_ABBREVIATIONS, timelineSvg } from './timelineSvg.ts';
import { timelineLanes } from './timelineSpans.ts';

const h = (s: string): string => escapeMarkup(s);
const a = (s: string): string => escapeMarkup(s, { attribute: true });

/** The short names on the picture that are not the kind itself, for the kinds this history has. */
function abbreviations(v: Extract<Verdict, { status: 'failed' }>): string[] {
  const kinds = new Set(v.history.map((e) => e.kind));
  return Object.entries(KIND_ABBREVIATIONS)
    .filter(([kind, short]) => kinds.has(kind as keyof typeof KIND_ABBREVIATIONS) && short !== kind)
    .map(([kind, short]) => `${short} ${kind}`);
}

function legend(v: Extract<Verdict, { status: 'failed' }>): string {
  const colours = connectionColors(v.history.flatMap((e) => (e.conn === undefined ? [] : [e.conn])));
  const conns = [...colours].map(([conn, colour]) => `<span><i class="swatch" style="background:${a(colour)}"></i>${h(conn)}</span>`);
  return [
    '<div class="legend">',
    ...conns,
    '<span>○ invoke</span><span>● ok</span><span>◆ observation</span><span><b style="color:#b3261e">✕</b> failure or kill</span>',
    '<span><i class="ring"></i>breaks the rule</span><span>┆ run phase</span>',
    `<span>${h(abbreviations(v).join(' · '))}</span>`,
    '</div>',
  ].join('');
}

/** The anchor of a rule's failure section within the report of adapter number `k`. */
export const failureAnchor = (k: number, rule: string): string => `failure-${k}-${rule}`;

export function htmlFailure(report: AdapterReport, k: number, v: Verdict): string {
  if (v.status !== 'failed' && !(v.status === 'errored' && v.counterexample)) return '';
  const out = [`<section class="failure ${v.status}" id="${a(failureAnchor(k, v.rule))}" data-rule="${a(v.rule)}">`];
  if (v.status === 'failed') {
    out.push(`<h3>✗ ${h(v.rule)} failed: ${h(v.violation.message)}</h3>`, `<p class="basis">${h(basisLine(v.basis))}</p>`);
    out.push(`<h4>minimal workload (after ${v.shrinks} shrinks)</h4>`);
  } else {
    out.push(`<h3>! ${h(v.rule)} errored: ${h(v.message)}</h3>`, '<h4>workload</h4>');
  }
  if (v.counterexample) out.push(`<pre class="workload">${h(formatWorkload(v.counterexample, report.capabilities).join('\n'))}</pre>`);
  if (v.status === 'failed') {
    const lanes = timelineLanes(v.history);
    out.push(
      `<h4>timeline: ${lanes.length} lanes, ${v.history.length} events; ${v.violation.events.length} break the rule</h4>`,
      `<figure class="timeline-wrap" data-timeline="${a(v.rule)}">${timelineSvg(v.history, v.violation.events)}</figure>`,
      legend(v),
    );
  }
  if (v.seed !== undefined && v.path !== undefined) out.push(`<p class="replay">replay: <code>${h(replayCommand(report, v.rule, v.seed, v.path))}</code></p>`);
  if (v.status === 'failed') {
    out.push(`<details><summary>history (&gt; marks the events that break the rule)</summary><pre class="history">${h(formatHistory(v.history, v.violation.events).join('\n'))}</pre></details>`);
  }
  out.push('</section>');
  return out.join('\n');
}
