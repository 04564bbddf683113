// TIME-2: No borrower times out while capacity was free for longer than the tolerance during its
// wait. The tolerance is the adapter's declared wakeUpSlackMs (and connectRetryMs after a failed
// connect); see freeCapacityWindows.
import { freeCapacityWindows } from './freeCapacityWindows.ts';
import { acquires } from './timeline.ts';
import type { Checker } from './Violation.ts';

export const noTimeoutBesideFreeCapacity: Checker = (run) => {
  const windows = freeCapacityWindows(run);
  for (const { invoke, result } of acquires(run.history)) {
    if (result?.phase !== 'fail' || result.error?.class !== 'timeout') continue;
    const w = windows.find((x) => x.waiters.includes(invoke.op));
    if (w) {
      return [
        {
          rule: 'TIME-2',
          message: `${invoke.task} timed out at ${result.at} ms although ${w.free} connection(s) were free for ${w.excessMs} ms of its wait (from ${w.start.at} ms)`,
          events: [invoke.i, w.start.i, result.i],
        },
      ];
    }
  }
  return [];
};
