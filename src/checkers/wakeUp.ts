// WAIT-1: A waiting borrower is served once a connection is released or destroyed; one waiter
// giving up never disturbs the others. Judged on stretches where capacity freed up (a release,
// a destroy, a finished or failed connect, a waiter leaving) while others kept waiting.
import { freeCapacityWindows } from './freeCapacityWindows.ts';
import type { Checker } from './Violation.ts';
import { formatMs } from './formatMs.ts';

export const wakeUp: Checker = (run) =>
  freeCapacityWindows(run)
    .filter((w) => !(w.start.kind === 'acquire' && w.start.phase === 'invoke'))
    .slice(0, 1)
    .map((w) => ({
      rule: 'WAIT-1',
      message: `after ${describe(w.start)} at ${formatMs(w.start.at)} ms, ${w.free} connection(s) were free but ${w.waiters.length} waiter(s) were not served for ${formatMs(w.excessMs)} ms`,
      events: [w.start.i, w.end.i],
    }));

function describe(e: { kind: string; phase: string; task: string; conn?: string }): string {
  const what = e.phase === 'invoke' ? e.kind : `${e.kind} ${e.phase}`;
  return `${e.task} ${what}${e.conn ? ` of ${e.conn}` : ''}`;
}
