// ERR-1: When opening a connection fails, the borrower gets that error (or a timeout), and
// capacity is not permanently lost once the server recovers.
import { fullCapacityAgain } from './fullCapacityAgain.ts';
import { acquires, closeInvoke } from './timeline.ts';
import type { Checker } from './Violation.ts';

const recovers = fullCapacityAgain('ERR-1', 'after connect failures and the server recovering');

export const connectErrorsReachBorrower: Checker = (run) => {
  const closedAt = closeInvoke(run.history)?.i ?? Infinity;
  const failedConnects = run.history.filter((e) => e.kind === 'connect' && e.phase === 'fail');
  if (failedConnects.length === 0) return [];
  for (const { invoke, result } of acquires(run.history)) {
    if (result?.phase !== 'fail' || result.i > closedAt) continue;
    if (result.error?.class === 'other' || result.error?.class === 'closed') {
      return [
        {
          rule: 'ERR-1',
          message: `${invoke.task}'s acquire failed with "${result.error.message}" instead of the connect error or a timeout`,
          events: [failedConnects[0]!.i, invoke.i, result.i],
        },
      ];
    }
  }
  return recovers(run);
};
