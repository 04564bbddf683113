// When each acquire is due to time out under an acquire timeout that covers only the queue: the
// instant its time spent queued (see QueuedCallers) reaches its timeout. Infinity when that
// never happens within the history.
import type { HistoryEvent } from '../history/History.ts';
import { QueuedCallers } from './QueuedCallers.ts';

export function queueDeadlines(history: readonly HistoryEvent[], timeoutOf: (invoke: HistoryEvent) => number | null): Map<number, number> {
  const timeouts = new Map<number, number>();
  const spent = new Map<number, number>();
  const deadlines = new Map<number, number>();
  const queue = new QueuedCallers();
  for (let n = 0; n < history.length; n++) {
    const e = history[n]!;
    queue.see(e);
    if (e.kind === 'acquire' && e.phase === 'invoke') {
      const timeout = timeoutOf(e);
      if (timeout !== null) timeouts.set(e.op, timeout);
      deadlines.set(e.op, Infinity);
    }
    // Time passes only between events: after the last one, a queued caller's wait goes on.
    const gap = n + 1 < history.length ? history[n + 1]!.at - e.at : Infinity;
    for (const op of queue.queued()) {
      const timeout = timeouts.get(op);
      if (timeout === undefined || deadlines.get(op) !== Infinity) continue;
      const before = spent.get(op) ?? 0;
      if (before + gap >= timeout) deadlines.set(op, e.at + (timeout - before));
      else spent.set(op, before + gap);
    }
  }
  return deadlines;
}
