// A failure's history drawn as an inline SVG timeline for the HTML report: one lane per borrower
// (task) and one for the server, each lease a bar coloured by its connection (the server's lane
// shows the same connection's session in the same colour), and the events that break the rule
// ringed in red. The x axis is the event's position in the history, not its time: in model mode
// many events share one virtual instant, and the order among them is often the bug itself. The
// virtual time is written above the lanes wherever it moves on.
// Every element a reader (or the browser test) looks for has a stable attribute: `data-lane`,
// `data-lease`, `data-session`, `data-event`, `data-phase`, `data-mark`.
import { formatEvent } from '../history/formatHistory.ts';
import type { HistoryEvent } from '../history/History.ts';
import { connectionColors } from './connectionColors.ts';
import { escapeMarkup } from './escapeMarkup.ts';
import { RUN, timelineSpans, type Span } from './timelineSpans.ts';

const LABEL_W = 56;
const COL = 22;
const TOP = 44;
/** A track holds one bar; a lane has as many tracks as it has bars at once, and a margin. */
const TRACK_H = 22;
const LANE_PAD = 6;
const BAR_H = 14;
const BOTTOM = 22;

const h = (s: string): string => escapeMarkup(s);
const a = (s: string): string => escapeMarkup(s, { attribute: true });

/** Short names written over events, so the picture reads without hovering. */
export const KIND_ABBREVIATIONS: Readonly<Partial<Record<HistoryEvent['kind'], string>>> = {
  acquire: 'acq',
  release: 'rel',
  destroy: 'dst',
  use: 'use',
  query: 'qry',
  close: 'cls',
  connect: 'con',
  disconnect: 'disc',
  kill: 'kill',
  outage: 'out',
  ping: 'ping',
  audit: 'aud',
  fork: 'fork',
};

/** Over an invoke, an observation and a failure; an ok is the filled dot after its invoke. */
function kindLabel(e: HistoryEvent, x: number, y: number): string {
  const name = e.phase === 'ok' ? undefined : KIND_ABBREVIATIONS[e.kind];
  return name === undefined ? '' : `<text x="${x}" y="${y - 8}" class="kind">${name}</text>`;
}

/** An event's glyph: the phase says the shape; a kill or a failure is a cross. */
function glyph(e: HistoryEvent, x: number, y: number): string {
  if (e.phase === 'fail' || e.kind === 'kill') return `<path d="M${x - 4} ${y - 4}l8 8m0 -8l-8 8" class="ev-cross"/>`;
  if (e.phase === 'invoke') return `<circle cx="${x}" cy="${y}" r="3.5" class="ev-invoke"/>`;
  if (e.phase === 'ok') return `<circle cx="${x}" cy="${y}" r="3.5" class="ev-ok"/>`;
  return `<rect x="${x - 3.5}" y="${y - 3.5}" width="7" height="7" class="ev-info" transform="rotate(45 ${x} ${y})"/>`;
}

function bar(span: Span, x: (i: number) => number, end: number, y: number, colour: string, kind: 'lease' | 'session'): string {
  const x1 = x(span.from);
  const x2 = span.to === null ? end : x(span.to);
  const width = Math.max(x2 - x1, 4);
  const open = span.to === null ? ' stroke-dasharray="3 2" class="bar open"' : ' class="bar"';
  const label = width >= 30 ? `<text x="${x1 + 7}" y="${y + 3.5}" class="bar-label">${h(span.conn)}</text>` : '';
  return `<g data-${kind}="${a(span.conn)}"><title>${h(span.what)}</title><rect x="${x1}" y="${y - BAR_H / 2}" width="${width}" height="${BAR_H}" rx="3" fill="${a(colour)}"${open}/>${label}</g>`;
}

/** The timeline of a history as an SVG element; `marked` are the violation's event indexes. */
export function timelineSvg(history: readonly HistoryEvent[], marked: readonly number[]): string {
  const lanes = timelineSpans(history);
  const laneOf = new Map(lanes.map((l, k) => [l.task, k]));
  const tops: number[] = [];
  let bottom = TOP;
  for (const lane of lanes) {
    tops.push(bottom);
    bottom += lane.tracks * TRACK_H + 2 * LANE_PAD;
  }
  const x = (i: number) => LABEL_W + COL / 2 + i * COL;
  const trackY = (k: number, track: number) => tops[k]! + LANE_PAD + track * TRACK_H + TRACK_H / 2;
  // An event of a connection sits on the track of that connection's bar, when its lane has one.
  const eventY = (k: number, e: HistoryEvent) => {
    const own = lanes[k]!.spans.filter((s) => s.conn === e.conn);
    const span = own.find((s) => s.from <= e.i && (s.to === null || e.i <= s.to)) ?? own[0];
    return trackY(k, span?.track ?? 0);
  };
  const width = LABEL_W + history.length * COL + COL;
  const height = bottom + BOTTOM;
  const colours = connectionColors(history.flatMap((e) => (e.conn === undefined ? [] : [e.conn])));
  const colour = (conn: string) => colours.get(conn) ?? '#888';
  const marks = new Set(marked);
  const out: string[] = [];

  out.push(`<svg xmlns="http://www.w3.org/2000/svg" class="timeline" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="timeline of the minimal failing history">`);
  // Columns of the marked events, under everything else.
  for (const m of marks) if (m < history.length) out.push(`<rect x="${x(m) - COL / 2}" y="${TOP - 6}" width="${COL}" height="${bottom - TOP + 6}" class="mark-col"/>`);

  // Virtual time wherever it moves on; a label is left out where it would run into the last one.
  let labelEnd = -Infinity;
  history.forEach((e, i) => {
    if (i > 0 && history[i - 1]!.at === e.at) return;
    out.push(`<line x1="${x(i)}" x2="${x(i)}" y1="14" y2="${bottom}" class="tick"/>`);
    const text = `${e.at} ms`;
    const half = text.length * 3.2;
    if (x(i) - half < labelEnd + 6) return;
    out.push(`<text x="${x(i)}" y="11" class="time">${h(text)}</text>`);
    labelEnd = x(i) + half;
  });

  lanes.forEach((lane, k) => {
    const top = tops[k]!;
    const laneH = lane.tracks * TRACK_H + 2 * LANE_PAD;
    const parts = [`<rect x="0" y="${top}" width="${width}" height="${laneH}" class="${k % 2 ? 'lane odd' : 'lane'}"/>`, `<text x="6" y="${trackY(k, 0) + 4}" class="lane-label">${h(lane.task)}</text>`];
    for (const s of lane.spans) parts.push(bar(s, x, width - COL / 2, trackY(k, s.track), colour(s.conn), lane.kind));
    out.push(`<g data-lane="${a(lane.task)}">${parts.join('')}</g>`);
  });

  // The run's phases as lines across the lanes, their names staggered over two rows.
  history
    .filter((e) => e.task === RUN)
    .forEach((e, n) => {
      const name = e.kind === 'close' && e.phase !== 'invoke' ? `closed${e.phase === 'fail' ? ' (failed)' : ''}` : e.kind;
      out.push(`<g data-phase="${a(e.kind)}" data-event="${e.i}"><title>${h(formatEvent(e))}</title><line x1="${x(e.i)}" x2="${x(e.i)}" y1="${TOP - 4}" y2="${bottom}" class="phase"/><text x="${x(e.i)}" y="${n % 2 ? 36 : 26}" class="phase-label">${h(name)}</text></g>`);
    });

  for (const e of history) {
    const k = laneOf.get(e.task);
    if (k === undefined) continue;
    const y = eventY(k, e);
    out.push(`<g data-event="${e.i}"><title>${h(formatEvent(e))}</title>${glyph(e, x(e.i), y)}${kindLabel(e, x(e.i), y)}</g>`);
  }

  // The events that break the rule: a ring on the event (a run phase's ring sits on its label row).
  for (const m of marks) {
    const e = history[m];
    if (e === undefined) continue;
    const k = laneOf.get(e.task);
    const y = k === undefined ? TOP - 10 : eventY(k, e);
    out.push(`<circle data-mark="${m}" cx="${x(m)}" cy="${y}" r="8" class="mark"><title>${h(`breaks the rule: ${formatEvent(e)}`)}</title></circle>`);
  }

  // Event positions, so the picture can be read against the history listed below it.
  for (let i = 0; i < history.length; i += 5) out.push(`<text x="${x(i)}" y="${bottom + 15}" class="index">#${i}</text>`);
  out.push('</svg>');
  return out.join('\n');
}
