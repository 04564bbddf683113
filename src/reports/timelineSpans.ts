// What a timeline draws as bars, lane by lane: a borrower's leases, the server's sessions. Bars
// that overlap in one lane (the server holds several sessions at once) get tracks of their own,
// so none hides another.
import { leases } from '../checkers/timeline.ts';
import type { HistoryEvent } from '../history/History.ts';

export const SERVER = 'server';
/** The run's own phase markers (quiet, probe, close, end): drawn across every lane, not as one. */
export const RUN = 'run';

export interface Span {
  readonly conn: string;
  /** Index of the event where it starts. */
  readonly from: number;
  /** Index of the event where it ends, or null when it never did. */
  readonly to: number | null;
  /** The span in words, for its tooltip. */
  readonly what: string;
  /** Which track of its lane, 0 at the top. */
  readonly track: number;
}

export interface Lane {
  readonly task: string;
  readonly kind: 'lease' | 'session';
  readonly spans: readonly Span[];
  /** At least 1. */
  readonly tracks: number;
}

/** The lanes of a history: borrowers in order of first appearance, then the server. */
export function timelineLanes(history: readonly HistoryEvent[]): string[] {
  const tasks = [...new Set(history.map((e) => e.task))].filter((t) => t !== SERVER && t !== RUN);
  return [...tasks, SERVER];
}

/** First fit in order of start: a span takes the first track whose last span ended before it. */
function packed(spans: readonly Omit<Span, 'track'>[]): { spans: Span[]; tracks: number } {
  const ends: number[] = [];
  const out = [...spans]
    .sort((p, q) => p.from - q.from)
    .map((s) => {
      let track = ends.findIndex((end) => end < s.from);
      if (track === -1) track = ends.push(0) - 1;
      ends[track] = s.to ?? Infinity;
      return { ...s, track };
    });
  return { spans: out, tracks: Math.max(ends.length, 1) };
}

/** Server sessions: a connect's ok to that connection's disconnect or kill. */
function sessions(history: readonly HistoryEvent[]): Omit<Span, 'track'>[] {
  return history
    .filter((e) => e.kind === 'connect' && e.phase === 'ok' && e.conn !== undefined)
    .map((e) => {
      const end = history.find((x) => x.i > e.i && x.conn === e.conn && (x.kind === 'disconnect' || x.kind === 'kill'));
      return { conn: e.conn!, from: e.i, to: end?.i ?? null, what: `session ${e.conn!} open from #${e.i}${end ? ` to #${end.i} (${end.kind})` : ', never closed'}` };
    });
}

export function timelineSpans(history: readonly HistoryEvent[]): Lane[] {
  const held = leases(history);
  return timelineLanes(history).map((task) => {
    if (task === SERVER) return { task, kind: 'session', ...packed(sessions(history)) };
    const own = held
      .filter((l) => l.task === task)
      .map((l) => ({ conn: l.conn, from: l.from.i, to: l.to?.i ?? null, what: `${l.task} holds ${l.conn} from #${l.from.i}${l.to ? ` to #${l.to.i}` : ', never given back'}` }));
    return { task, kind: 'lease', ...packed(own) };
  });
}
