// Which acquires queued because the pool was at capacity, by ground truth: what WAIT-2 counts as
// a waiter for a pool whose FIFO promise is `when-full` (pg-pool: "if the pool is full and all
// clients are checked out ... wait in a FIFO queue").
//
// An acquire queued at capacity when, just before its invoke event,
//   sessions open (connect ok, not yet disconnected or killed)
//   + connects under way (connect invoked, not yet ok or failed)  >=  capacity,
// and every open session is held by a borrower (acquired and not yet released or destroyed by
// that borrower): none is idle. A caller that found capacity free gets a connection opened for
// it; one that found an idle session is handed that; neither is in the queue the docs speak of.
//
// Every doubt counts against queueing, so the rule can only be judged more leniently than the
// pool's own view, never more harshly: an open session not held counts as idle even when the pool
// is closing it (its disconnect not yet seen) or has just opened it for a caller it has not handed
// it to yet.
import type { HistoryEvent } from '../history/History.ts';

/** The ops of the acquires that queued at capacity. */
export function queuedAtCapacity(history: readonly HistoryEvent[], capacity: number): Set<number> {
  const open = new Set<string>();
  const connecting = new Set<string>();
  const held = new Map<string, string>(); // `${task}/${conn}` of each lease -> its conn
  const queued = new Set<number>();
  for (const e of history) {
    if (e.kind === 'acquire' && e.phase === 'invoke') {
      const holding = new Set(held.values());
      if (open.size + connecting.size >= capacity && [...open].every((c) => holding.has(c))) queued.add(e.op);
    }
    if (e.kind === 'acquire' && e.phase === 'ok' && e.conn) held.set(`${e.task}/${e.conn}`, e.conn);
    if ((e.kind === 'release' || e.kind === 'destroy') && e.phase === 'invoke' && e.conn) held.delete(`${e.task}/${e.conn}`);
    if (e.kind === 'connect' && e.conn) {
      if (e.phase === 'invoke') connecting.add(e.conn);
      else connecting.delete(e.conn);
      if (e.phase === 'ok') open.add(e.conn);
    }
    if ((e.kind === 'disconnect' || e.kind === 'kill') && e.conn) open.delete(e.conn);
  }
  return queued;
}
