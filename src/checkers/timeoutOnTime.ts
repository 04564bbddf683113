// TIME-1: A borrower that cannot be served within the acquire timeout gets a recognisable timeout
// error, not before the timeout and not later than the declared tolerance after it.
// Tolerance: the substrate's `timeoutMs`, on both sides (0 in model mode, where timers are exact).
//
// The timeout is the acquire's own (per call) when given, else the configuration's, else the
// pool's declared default (`acquireTimeout.defaultMs`, a pool whose timeout cannot be turned off).
// What it bounds is the adapter's `acquireTimeout.covers`:
// - `whole-acquire`: the deadline is the acquire's invoke plus the timeout.
// - `queue-only`: a connect the pool started for the caller runs to its own end, so the caller is
//   due only once it has spent the timeout *queued* (src/checkers/QueuedCallers.ts defines
//   queued from the history: waiting, with no connect under way that may be serving it). It may
//   time out from invoke plus the timeout on (a pool whose timer keeps running during the
//   connect), never before, and it must not still be waiting once due.
//
// A timeout error before the deadline is not blamed on the acquire timeout while a connect that
// never answers is under way: a pool may give up on such a connect by a timer of its own and hand
// that failure, a timeout error, to a waiting borrower (tarn's createTimeoutMillis with
// propagateCreateError, documented: "the first pending acquire is rejected with the error"). That
// is the connect's error reaching the borrower, which ERR-1 asks for; the history cannot tell the
// two timeouts apart, so such a run is not judged on that branch.
import type { HistoryEvent } from '../history/History.ts';
import { queueDeadlines } from './queueDeadlines.ts';
import { poolTimeoutOf } from './ownTimeoutOf.ts';
import { acquires, closeInvoke, connectsUnanswered } from './timeline.ts';
import { formatMs } from './formatMs.ts';
import type { Checker, Violation } from './Violation.ts';

/** The acquire's own timeout: per call when given, else the pool's. */
export function timeoutOf(invoke: HistoryEvent, poolTimeoutMs: number | null): number | null {
  const own = invoke.note?.match(/^timeout (\d+) ms$/);
  return own ? Number(own[1]) : poolTimeoutMs;
}

export const timeoutOnTime: Checker = (run) => {
  const { history } = run;
  const closedAt = closeInvoke(history)?.at ?? Infinity;
  const poolTimeout = poolTimeoutOf(run)?.ms ?? null;
  const queueOnly = run.capabilities.acquireTimeout?.covers === 'queue-only';
  const due = queueOnly ? queueDeadlines(history, (invoke) => timeoutOf(invoke, poolTimeout)) : null;
  // Connects never answered in the whole run (a host that swallows packets).
  const hung = connectsUnanswered(history).map((e) => e.i);
  const out: Violation[] = [];
  for (const { invoke, result } of acquires(history)) {
    const timeout = timeoutOf(invoke, poolTimeout);
    if (timeout === null) continue;
    const earliest = invoke.at + timeout;
    const deadline = due?.get(invoke.op) ?? earliest;
    const tol = run.tolerance.timeoutMs;
    const who = `${invoke.task}'s acquire (from ${formatMs(invoke.at)} ms, timeout ${formatMs(timeout)} ms${queueOnly ? ' of queueing' : ''})`;
    const early = result?.phase === 'fail' && result.error?.class === 'timeout' && result.at < earliest - tol;
    if (early && hung.some((i) => i < result.i)) continue;
    if (early) {
      out.push({ rule: 'TIME-1', message: `${who} timed out early, at ${formatMs(result.at)} ms`, events: [invoke.i, result.i] });
    } else if (deadline < closedAt && (result === null || result.at > deadline + tol)) {
      const what = result === null ? 'never settled' : `was still waiting at ${formatMs(deadline)} ms${queueOnly ? ', queued for its whole timeout,' : ''} and settled only at ${formatMs(result.at)} ms`;
      out.push({ rule: 'TIME-1', message: `${who} ${what}`, events: [invoke.i, ...(result ? [result.i] : [])] });
    } else if (result?.phase === 'fail' && result.error?.class === 'other' && result.at >= earliest - tol && result.at < closedAt) {
      out.push({
        rule: 'TIME-1',
        message: `${who} failed at its deadline with an error the adapter does not recognise as a timeout: ${result.error.message}`,
        events: [invoke.i, result.i],
      });
    }
  }
  return out.slice(0, 1);
};
