// Model mode: one workload on virtual time against the in-memory backend. A run is a pure
// function of its workload and tie choices, which is what makes every failure replay exactly.
import type { Adapter } from '../adapter/Adapter.ts';
import { History } from '../history/History.ts';
import { MemoryBackend } from '../model/MemoryBackend.ts';
import { STALL_MS } from '../workload/ConnectStep.ts';
import { VirtualClock } from '../model/VirtualClock.ts';
import type { Workload } from '../workload/Workload.ts';
import { exactTiming, type RunRecord } from './RunRecord.ts';
import { watchdogLimitMs } from './watchdog.ts';
import { WorkloadRun } from './WorkloadRun.ts';
import { withStrays } from '../isolation/withStrays.ts';

/**
 * Virtual ms after close for borrowers to give back what they hold and sessions to close, also
 * counted from the last moment a pending acquire's own timeout fires (see WorkloadRun.drainUntil).
 */
const DRAIN_MS = 60_000;
/**
 * The drain's bound: virtual time costs nothing while the clock is idle, so it covers every
 * declared default acquire timeout (tarn's 30 s, knex's 60 s) with room to spare.
 */
const DRAIN_LIMIT_MS = 300_000;

export async function runWorkload(adapter: Adapter, workload: Workload, ties: readonly number[] = []): Promise<RunRecord> {
  let k = 0;
  const clock = new VirtualClock((n) => (ties[k++] ?? 0) % n);
  const history = new History(() => clock.now);
  const backend = new MemoryBackend(clock, history, workload);
  // What the pool throws where nobody catches it becomes an error of this run (withStrays.ts).
  return withStrays(async () => {
    const restore = clock.install();
    try {
      const run = new WorkloadRun(adapter, workload, { clock, backend, history, drainMs: DRAIN_MS, drainLimitMs: DRAIN_LIMIT_MS, stallMs: STALL_MS, tolerance: exactTiming, probeSlackMs: 20, scale: 1 });
      // Virtual horizons cost no real time: the watchdog's limit is its floor (see watchdog.ts).
      return await run.runWithin(watchdogLimitMs(run.horizonMs, 0));
    } finally {
      restore();
    }
  });
}
