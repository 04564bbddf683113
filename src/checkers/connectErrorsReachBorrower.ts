// ERR-1: When opening a connection fails, the borrower gets that error (or a timeout), and
// capacity is not permanently lost once the server recovers.
//
// "That error" is judged by the error itself, not by its text: a failed connect rejects with the
// backend's ConnectError (model mode: "connect c3 refused"; live mode: pg's own error from the
// fault the proxy made, "read ECONNRESET", carried with pg's error as its cause), and the
// borrower's error is of class `connect` when it is that error or wraps it (pg-pool wraps it in
// its connection-timeout error). Texts are not unique in live mode (every reset reads the same),
// so they only say which failed connect a report cites.
import type { HistoryEvent } from '../history/History.ts';
import { fullCapacityAgain } from './fullCapacityAgain.ts';
import { acquires, closeInvoke } from './timeline.ts';
import type { Checker } from './Violation.ts';

const recovers = fullCapacityAgain('ERR-1', 'after connect failures and the server recovering');

/** The failed connect before `at` that the borrower's message names, else the latest one before it, else the first. */
function citedConnect(failedConnects: readonly HistoryEvent[], at: number, message: string): HistoryEvent {
  const before = failedConnects.filter((c) => c.i < at).reverse();
  return before.find((c) => c.error !== undefined && message.includes(c.error.message)) ?? before[0] ?? failedConnects[0]!;
}

export const connectErrorsReachBorrower: Checker = (run) => {
  const closedAt = closeInvoke(run.history)?.i ?? Infinity;
  const failedConnects = run.history.filter((e) => e.kind === 'connect' && e.phase === 'fail');
  if (failedConnects.length === 0) return [];
  for (const { invoke, result } of acquires(run.history)) {
    // After close, CLOSE-1 judges.
    if (result?.phase !== 'fail' || result.i > closedAt) continue;
    if (result.error?.class === 'other' || result.error?.class === 'closed') {
      const cited = citedConnect(failedConnects, result.i, result.error.message);
      return [
        {
          rule: 'ERR-1',
          message: `${invoke.task}'s acquire failed with "${result.error.message}" instead of the connect error (${cited.conn}: "${cited.error?.message}") or a timeout`,
          events: [cited.i, invoke.i, result.i],
        },
      ];
    }
  }
  return recovers(run);
};
