// BOUND-3: k <= size + maxOverflow concurrent borrowers all get a connection without any of them
// waiting for a release: while capacity is free, no borrower waits. Judged on the stretches
// that start when a borrower arrives to find capacity free and is not served.
import { freeCapacityWindows } from './freeCapacityWindows.ts';
import type { Checker } from './Violation.ts';
import { formatMs } from './formatMs.ts';

export const reachableCapacity: Checker = (run) =>
  freeCapacityWindows(run)
    .filter((w) => w.start.kind === 'acquire' && w.start.phase === 'invoke')
    .slice(0, 1)
    .map((w) => ({
      rule: 'BOUND-3',
      message: `${w.start.task} arrived at ${formatMs(w.start.at)} ms with ${w.free} of ${run.capacity} connections free and was left waiting for ${formatMs(w.excessMs)} ms`,
      events: [w.start.i, w.end.i],
    }));
