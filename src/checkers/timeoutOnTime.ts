// TIME-1: A borrower that cannot be served within the acquire timeout gets a recognisable timeout
// error, not before the timeout and not later than the declared tolerance after it.
// Tolerance: the substrate's `timeoutMs`, on both sides (0 in model mode, where timers are exact).
import type { HistoryEvent } from '../history/History.ts';
import { acquires, closeInvoke } from './timeline.ts';
import type { Checker, Violation } from './Violation.ts';

/** The acquire's own timeout: per call when given, else the pool's. */
export function timeoutOf(invoke: HistoryEvent, poolTimeoutMs: number | null): number | null {
  const own = invoke.note?.match(/^timeout (\d+) ms$/);
  return own ? Number(own[1]) : poolTimeoutMs;
}

export const timeoutOnTime: Checker = (run) => {
  const { history, workload } = run;
  const closedAt = closeInvoke(history)?.at ?? Infinity;
  const out: Violation[] = [];
  for (const { invoke, result } of acquires(history)) {
    const timeout = timeoutOf(invoke, workload.config.acquireTimeoutMs);
    if (timeout === null) continue;
    const deadline = invoke.at + timeout;
    const tol = run.tolerance.timeoutMs;
    const who = `${invoke.task}'s acquire (from ${invoke.at} ms, timeout ${timeout} ms)`;
    if (result?.phase === 'fail' && result.error?.class === 'timeout' && result.at < deadline - tol) {
      out.push({ rule: 'TIME-1', message: `${who} timed out early, at ${result.at} ms`, events: [invoke.i, result.i] });
    } else if (deadline < closedAt && (result === null || result.at > deadline + tol)) {
      const what = result === null ? 'never settled' : `was still waiting at ${deadline} ms and settled only at ${result.at} ms`;
      out.push({ rule: 'TIME-1', message: `${who} ${what}`, events: [invoke.i, ...(result ? [result.i] : [])] });
    } else if (result?.phase === 'fail' && result.error?.class === 'other' && result.at >= deadline - tol && result.at < closedAt) {
      out.push({
        rule: 'TIME-1',
        message: `${who} failed at its deadline with an error the adapter does not recognise as a timeout: ${result.error.message}`,
        events: [invoke.i, result.i],
      });
    }
  }
  return out.slice(0, 1);
};
