// Shared readings of a history: leases, server sessions and acquires, as intervals over event
// indexes. Checkers build on these and never on the pool's own counters.
import type { HistoryEvent } from '../history/History.ts';

export interface Lease {
  readonly task: string;
  readonly conn: string;
  /** The acquire's ok event. */
  readonly from: HistoryEvent;
  /** The first release or destroy of it by the same task, or null if never given back. */
  readonly to: HistoryEvent | null;
}

export interface Acquire {
  readonly invoke: HistoryEvent;
  /** ok or fail, or null when it never settled. */
  readonly result: HistoryEvent | null;
}

export function leases(history: readonly HistoryEvent[]): Lease[] {
  const out: Lease[] = [];
  for (const e of history) {
    if (e.kind !== 'acquire' || e.phase !== 'ok' || e.conn === undefined) continue;
    const to = history.find(
      (x) => x.i > e.i && x.task === e.task && x.conn === e.conn && x.phase === 'invoke' && (x.kind === 'release' || x.kind === 'destroy'),
    );
    out.push({ task: e.task, conn: e.conn, from: e, to: to ?? null });
  }
  return out;
}

export function acquires(history: readonly HistoryEvent[]): Acquire[] {
  const results = new Map<number, HistoryEvent>();
  for (const e of history) if (e.kind === 'acquire' && (e.phase === 'ok' || e.phase === 'fail')) results.set(e.op, e);
  return history
    .filter((e) => e.kind === 'acquire' && e.phase === 'invoke')
    .map((invoke) => ({ invoke, result: results.get(invoke.op) ?? null }));
}

/** The first event of a kind (an `info` marker such as `quiet`, `probe`, `end`), if any. */
export function marker(history: readonly HistoryEvent[], kind: HistoryEvent['kind']): HistoryEvent | undefined {
  return history.find((e) => e.kind === kind && e.phase === 'info');
}

/** Server sessions alive just after event `index`: connected, not yet disconnected or killed. */
export function sessionsAfter(history: readonly HistoryEvent[], index: number): Set<string> {
  const alive = new Set<string>();
  for (const e of history) {
    if (e.i > index) break;
    if (e.kind === 'connect' && e.phase === 'ok' && e.conn) alive.add(e.conn);
    if ((e.kind === 'disconnect' || e.kind === 'kill') && e.conn) alive.delete(e.conn);
  }
  return alive;
}

/**
 * Sessions open at a phase marker: the server's own list when an audit follows the marker (live
 * mode), else what the history's connect, disconnect and kill events say (model mode).
 */
export function sessionsAt(history: readonly HistoryEvent[], at: HistoryEvent): Set<string> {
  const phases = new Set<HistoryEvent['kind']>(['quiet', 'probe', 'end']);
  for (const e of history.slice(at.i + 1)) {
    if (phases.has(e.kind)) break;
    if (e.kind === 'audit' && e.conns) return new Set(e.conns);
  }
  return sessionsAfter(history, at.i);
}

/**
 * Connect attempts begun before `at` that had neither succeeded nor failed by then (hung ones);
 * without `at`, those never answered in the whole history.
 */
export function connectsUnanswered(history: readonly HistoryEvent[], at?: HistoryEvent): HistoryEvent[] {
  const before = at?.i ?? Infinity;
  const answered = new Set(history.filter((e) => e.i < before && e.kind === 'connect' && e.phase !== 'invoke').map((e) => e.op));
  return history.filter((e) => e.i < before && e.kind === 'connect' && e.phase === 'invoke' && !answered.has(e.op));
}

export const closeInvoke = (history: readonly HistoryEvent[]): HistoryEvent | undefined =>
  history.find((e) => e.kind === 'close' && e.phase === 'invoke');

export const isProbe = (task: string): boolean => task.startsWith('p');
