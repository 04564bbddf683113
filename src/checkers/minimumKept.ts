// MIN-1: A pool that promises a minimum of open connections keeps it once reached: reaping idle
// connections never takes the count below the minimum. Closes that a borrower asked for
// (destroy), that the server caused (kill) or that close() caused do not count.
import type { Checker } from './Violation.ts';
import { formatMs } from './formatMs.ts';

export const minimumKept: Checker = ({ history, workload }) => {
  const min = workload.config.min;
  if (min === 0) return [];
  const alive = new Set<string>();
  const destroyed = new Set<string>();
  let reached = false;
  for (const e of history) {
    if (e.kind === 'close' && e.phase === 'invoke') return [];
    if (e.kind === 'destroy' && e.phase === 'invoke' && e.conn) destroyed.add(e.conn);
    if (e.kind === 'connect' && e.phase === 'ok' && e.conn) alive.add(e.conn);
    if ((e.kind === 'kill' || e.kind === 'disconnect') && e.conn) {
      const wasAlive = alive.delete(e.conn);
      if (e.kind === 'disconnect' && wasAlive && reached && !destroyed.has(e.conn) && alive.size < min) {
        return [{ rule: 'MIN-1', message: `the pool closed ${e.conn} at ${formatMs(e.at)} ms, leaving ${alive.size} open below its minimum of ${min}`, events: [e.i] }];
      }
    }
    if (alive.size >= min) reached = true;
  }
  return [];
};
