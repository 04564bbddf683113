// Stretches of virtual time during which a borrower waited while capacity was free.
//
// Capacity in use = connections borrowers hold (from the history) + connects under way (from the
// server) + connections the pool is pinging (its async validation, from the server). When that is below size + maxOverflow while more borrowers wait than connects are
// under way, a correct pool serves the
// waiter from an idle connection or starts a connect for it at the same virtual instant: model
// time only advances when everything runnable has run. So any such stretch of positive length is
// a waiter left beside free capacity, apart from two declared slacks: `wakeUpSlackMs` (a pool
// that defers its own dispatch on purpose) and `connectRetryMs` after a failed connect.
// WAIT-1, BOUND-3 and TIME-2 each judge the stretches that concern them.
import type { HistoryEvent } from '../history/History.ts';
import type { RunRecord } from '../runner/RunRecord.ts';

export interface FreeWindow {
  /** The event after which capacity was free while someone waited. */
  readonly start: HistoryEvent;
  /** The first event after which it no longer was (or the run's last event). */
  readonly end: HistoryEvent;
  /** Virtual ms of the stretch beyond the tolerances. */
  readonly excessMs: number;
  /** Acquire ops waiting during the stretch. */
  readonly waiters: readonly number[];
  readonly free: number;
}

export function freeCapacityWindows(run: RunRecord): FreeWindow[] {
  const { history, capacity, capabilities } = run;
  const held = new Set<string>(); // `${task}/${conn}` of current leases
  const waiting = new Set<number>();
  const connecting = new Set<string>();
  /** Pings under way (op), by connection: a connection being validated is the pool's, not free. */
  const pinging = new Map<number, string>();
  /**
   * Connections destroyed and still open at the server: their slot is not free until the session
   * is gone (live mode shows the pool waiting for the disconnect, as it must to keep BOUND-1).
   */
  const closing = new Set<string>();
  const opened = new Set<string>();
  const gone = new Set<string>();
  const connectFailures: number[] = [];
  let closed = false;
  // The wake-up slack counts from the latest event that changed supply or demand.
  let lastChangeAt = 0;
  const windows: FreeWindow[] = [];
  let open: { start: HistoryEvent; waiters: Set<number>; free: number; excessMs: number } | null = null;

  for (let n = 0; n < history.length; n++) {
    const e = history[n]!;
    if (e.kind === 'close' && e.phase === 'invoke') closed = true;
    if (e.kind === 'acquire') {
      if (e.phase === 'invoke') waiting.add(e.op);
      else {
        waiting.delete(e.op);
        if (e.phase === 'ok') held.add(`${e.task}/${e.conn}`);
      }
    }
    if ((e.kind === 'release' || e.kind === 'destroy') && e.phase === 'invoke') held.delete(`${e.task}/${e.conn}`);
    if (e.kind === 'connect' && e.phase === 'ok' && e.conn) opened.add(e.conn);
    if (e.kind === 'destroy' && e.phase === 'invoke' && e.conn && opened.has(e.conn) && !gone.has(e.conn)) closing.add(e.conn);
    if ((e.kind === 'disconnect' || e.kind === 'kill') && e.conn) {
      gone.add(e.conn);
      closing.delete(e.conn);
    }
    if (e.kind === 'connect' && e.conn) {
      if (e.phase === 'invoke') connecting.add(e.conn);
      else connecting.delete(e.conn);
      if (e.phase === 'fail') connectFailures.push(e.at);
    }
    if (e.kind === 'ping' && e.conn) {
      if (e.phase === 'invoke') pinging.set(e.op, e.conn);
      else pinging.delete(e.op);
    }

    const changes =
      (e.kind === 'acquire' && e.phase === 'invoke') ||
      ((e.kind === 'release' || e.kind === 'destroy') && e.phase === 'invoke') ||
      (e.kind === 'connect' && e.phase !== 'invoke') ||
      (e.kind === 'ping' && e.phase !== 'invoke') ||
      e.kind === 'disconnect' ||
      e.kind === 'kill';
    if (changes) lastChangeAt = e.at;
    const validating = new Set([...pinging.values()].filter((c) => ![...held].some((h) => h.endsWith(`/${c}`)))).size;
    const free = capacity - held.size - connecting.size - validating - closing.size;
    // Each connect or ping under way can serve one waiter; the rest need free capacity put to use.
    const starving = !closed && waiting.size > connecting.size + validating && free > 0;
    const next = history[n + 1];
    if (starving) {
      open ??= { start: e, waiters: new Set(), free, excessMs: 0 };
      for (const w of waiting) open.waiters.add(w);
      if (next) open.excessMs += excess(e.at, next.at, capabilities.wakeUpSlackMs + run.tolerance.wakeUpMs, capabilities.connectRetryMs, connectFailures, lastChangeAt);
    }
    if (open && (!starving || !next)) {
      if (open.excessMs > 0) windows.push({ start: open.start, end: e, excessMs: open.excessMs, waiters: [...open.waiters], free: open.free });
      open = null;
    }
  }
  return windows;
}

/** The part of the gap [from, to) not covered by the tolerances. */
function excess(from: number, to: number, wakeUpSlackMs: number, retryMs: number, failures: readonly number[], changedAt: number): number {
  let start = Math.max(from, changedAt + wakeUpSlackMs);
  for (const f of failures) if (f <= start && start < f + retryMs) start = Math.max(start, f + retryMs);
  return Math.max(0, to - start);
}
