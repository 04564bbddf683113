// Whether a run ended before it could see how a pending acquire settles: the pool's own timeout
// would fire only after the run's end (the drain after close is bounded, see WorkloadRun). A run
// that ended first has observed nothing about that acquire, so no rule may fail on it; the reason
// says so instead. A run whose virtual clock had nothing left to run has seen everything: no
// timer was left that could settle the acquire.
import { NOTHING_LEFT, type HistoryEvent } from '../history/History.ts';
import type { RunRecord } from '../runner/RunRecord.ts';
import { formatMs } from './formatMs.ts';
import { ownTimeoutOf } from './ownTimeoutOf.ts';

const SOURCE = { call: "the call's own", config: 'as configured', default: "the pool's default" } as const;

/** Why the run could not judge the pending acquire `invoke` by its end marker `end`, or null when it could. */
export function unobserved(run: RunRecord, invoke: HistoryEvent, end: HistoryEvent | undefined): string | null {
  if (!end || end.note?.includes(NOTHING_LEFT)) return null;
  const timeout = ownTimeoutOf(run, invoke.task);
  if (timeout === null) return null;
  const deadline = invoke.at + timeout.ms + run.tolerance.timeoutMs;
  if (deadline <= end.at) return null;
  // Said in the pool's own unit: real ms in live mode, where the run's clock is stretched.
  const ms = (workloadMs: number) => `${formatMs(workloadMs * run.scale)}${run.scale === 1 ? '' : ' real'} ms`;
  return `the acquire timeout (${SOURCE[timeout.source]}, ${ms(timeout.ms)}) outlasts the drain after close (at most ${ms(run.drainLimitMs)})`;
}
