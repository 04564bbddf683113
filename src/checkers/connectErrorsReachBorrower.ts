// ERR-1: When opening a connection fails, the borrower gets that error (or a timeout), and
// capacity is not permanently lost once the server recovers.
//
// "That error" is judged by the error itself, not by its text: a failed connect rejects with the
// backend's ConnectError (model mode: "connect c3 refused"; live mode: pg's own error from the
// fault the proxy made, "read ECONNRESET", carried with pg's error as its cause), and the
// borrower's error is of class `connect` when it is that error or wraps it (pg-pool wraps it in
// its connection-timeout error). Texts are not unique in live mode (every reset reads the same),
// so they only say which failed connect a report cites.
//
// Three judgements, in order:
// - a borrower that failed must have failed with a connect error or a timeout;
// - a failed connect *made for a waiting borrower* must reach a borrower: a connect attempt is
//   made for a waiting borrower when some borrower's acquire with no timeout in force (no call
//   timeout, none configured, no pool default: ownTimeoutOf) was pending (invoked, not settled)
//   both when the attempt began and when it failed, before close. Then at least one borrower
//   pending at the failure (any of them: which one is told is the pool's choice) must later fail
//   with a connect error or a timeout; a pool that retries in silence and serves them later (or
//   never) has left them waiting as long as the outage lasts, with nothing to act on. A waiter
//   with a timeout in force is bounded by it: a pool may retry within it and serve the waiter or
//   time it out (mariadb does, and documents that its acquireTimeout carries the connection
//   error: "In order to have connection error information, must be higher than connectTimeout");
// - the capacity probe (fullCapacityAgain): capacity comes back once the server recovers.
import type { HistoryEvent } from '../history/History.ts';
import { formatMs } from './formatMs.ts';
import { fullCapacityAgain } from './fullCapacityAgain.ts';
import { ownTimeoutOf } from './ownTimeoutOf.ts';
import type { RunRecord } from '../runner/RunRecord.ts';
import { type Acquire, acquires, closeInvoke } from './timeline.ts';
import type { Checker, Violation } from './Violation.ts';

const recovers = fullCapacityAgain('ERR-1', 'after connect failures and the server recovering');

/** The failed connect before `at` that the borrower's message names, else the latest one before it, else the first. */
function citedConnect(failedConnects: readonly HistoryEvent[], at: number, message: string): HistoryEvent {
  const before = failedConnects.filter((c) => c.i < at).reverse();
  return before.find((c) => c.error !== undefined && message.includes(c.error.message)) ?? before[0] ?? failedConnects[0]!;
}

const pendingAt = (a: Acquire, i: number): boolean => a.invoke.i < i && (a.result === null || a.result.i > i);
const heard = (a: Acquire): boolean => a.result?.phase === 'fail' && (a.result.error?.class === 'connect' || a.result.error?.class === 'timeout');

/** The first failed connect made for a waiting borrower that no waiting borrower heard of. */
function unheard(run: RunRecord, all: readonly Acquire[], closedAt: number): Violation | null {
  const { history } = run;
  for (const failed of history) {
    if (failed.kind !== 'connect' || failed.phase !== 'fail' || failed.i > closedAt) continue;
    const begun = history.find((e) => e.kind === 'connect' && e.phase === 'invoke' && e.op === failed.op);
    if (!begun) continue;
    const waiting = all.filter((a) => pendingAt(a, begun.i) && pendingAt(a, failed.i) && ownTimeoutOf(run, a.invoke.task) === null);
    // Any borrower waiting at the failure may be the one told: which one is the pool's choice.
    if (waiting.length === 0 || all.some((a) => pendingAt(a, failed.i) && heard(a))) continue;
    const fate = waiting
      .slice(0, 3)
      .map(({ invoke, result }) =>
        result === null
          ? `${invoke.task} (waiting since ${formatMs(invoke.at)} ms) never settled`
          : result.phase === 'ok'
            ? `${invoke.task} (waiting since ${formatMs(invoke.at)} ms) was served ${result.conn} at ${formatMs(result.at)} ms`
            : `${invoke.task} (waiting since ${formatMs(invoke.at)} ms) failed at ${formatMs(result.at)} ms with "${result.error?.message}"`,
      )
      .join('; ');
    const first = waiting[0]!;
    return {
      rule: 'ERR-1',
      message: `${failed.conn}'s connect, begun at ${formatMs(begun.at)} ms while ${waiting.length} borrower(s) with no acquire timeout waited, failed at ${formatMs(failed.at)} ms ("${failed.error?.message}") and no waiting borrower got that error or a timeout: ${fate}`,
      events: [begun.i, first.invoke.i, failed.i, ...(first.result ? [first.result.i] : [])],
    };
  }
  return null;
}

export const connectErrorsReachBorrower: Checker = (run) => {
  const closedAt = closeInvoke(run.history)?.i ?? Infinity;
  const failedConnects = run.history.filter((e) => e.kind === 'connect' && e.phase === 'fail');
  if (failedConnects.length === 0) return [];
  const all = acquires(run.history);
  for (const { invoke, result } of all) {
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
  const silent = unheard(run, all, closedAt);
  return silent ? [silent] : recovers(run);
};
