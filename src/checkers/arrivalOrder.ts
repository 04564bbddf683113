// WAIT-2: Waiters are served in the order in which they started to wait.
//
// Who is a waiter depends on what the pool promises (`capabilities.fifo`):
// - `every-caller`: every acquire still pending when a later one arrives, also one waiting for a
//   connection the pool opens for it;
// - `when-full`: only acquires that queued because the pool was at capacity, by ground truth
//   (see queuedAtCapacity). Both callers of a pair must have queued so: a caller that found
//   capacity free, or an idle session, is handed a connection of its own and is in no queue, so
//   being served before or after it breaks no order the pool promised.
import { queuedAtCapacity } from './queuedAtCapacity.ts';
import { acquires } from './timeline.ts';
import { formatMs } from './formatMs.ts';
import type { Checker } from './Violation.ts';

export const arrivalOrder: Checker = ({ history, capabilities, capacity }) => {
  const all = acquires(history);
  const queued = capabilities.fifo === 'when-full' ? queuedAtCapacity(history, capacity) : null;
  const waiter = (op: number): boolean => queued === null || queued.has(op);
  const how = queued === null ? '' : ' (both queued at full capacity)';
  for (const a of all) {
    if (!waiter(a.invoke.op)) continue;
    for (const b of all) {
      // b came later than a, yet was served while a was still waiting.
      if (b.invoke.i <= a.invoke.i || b.result?.phase !== 'ok' || !waiter(b.invoke.op)) continue;
      const aStillWaiting = a.result === null || a.result.i > b.result.i;
      // Only waiters count: a was still waiting when b arrived.
      if (aStillWaiting && (a.result === null || a.result.i > b.invoke.i)) {
        return [
          {
            rule: 'WAIT-2',
            message: `${b.invoke.task} (waiting since ${formatMs(b.invoke.at)} ms) was served at ${formatMs(b.result.at)} ms before ${a.invoke.task}, waiting since ${formatMs(a.invoke.at)} ms${how}`,
            events: [a.invoke.i, b.invoke.i, b.result.i],
          },
        ];
      }
    }
  }
  return [];
};
