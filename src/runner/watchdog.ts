// The watchdog: a real-time limit on each workload run, in model and live mode alike. A run
// waits on clock horizons, but real time can still run away: a pool that polls forever while
// virtual time stands still, a driver call that never returns while the run's cleanup waits on
// it. The limit is real time on the real timers captured at load (model mode swaps the globals
// during its runs), so virtual time cannot stretch it.
//
// The limit of a run, in real ms:
//   limit = floor + realMsPerWorkloadMs x (sum of the run's phase horizons, workload ms)
// with floor 30 s (POOLCHECK_WATCHDOG_MS overrides it, for tests) and realMsPerWorkloadMs the
// live scale, 0 in model mode: there the horizons are virtual time, which costs no real time,
// and a whole model run takes milliseconds.
//
// A synchronous infinite loop in the pool (or an endless chain of promise callbacks) never lets
// a timer run: nothing on the main thread can interrupt it, the watchdog included.
import type { Adapter } from '../adapter/Adapter.ts';
import { PoolcheckError } from '../errors.ts';

const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

export const WATCHDOG_FLOOR_MS = 30_000;

/** The floor in real ms: POOLCHECK_WATCHDOG_MS when set, else 30 s. */
export function watchdogFloorMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.POOLCHECK_WATCHDOG_MS;
  if (raw === undefined || raw === '') return WATCHDOG_FLOOR_MS;
  const ms = Number(raw);
  if (!Number.isFinite(ms) || ms <= 0) throw new PoolcheckError('POOLCHECK_USAGE', `Expected POOLCHECK_WATCHDOG_MS to be a positive number of milliseconds, got \`${raw}\``);
  return ms;
}

/** Real ms a run may take: see the formula above. */
export function watchdogLimitMs(horizonMs: number, realMsPerWorkloadMs: number, floorMs = watchdogFloorMs()): number {
  return floorMs + realMsPerWorkloadMs * horizonMs;
}

/** Whether `work` settled within `ms` real ms; it is not cancelled either way. */
export function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = realSetTimeout(() => resolve(false), Math.max(0, ms));
    void work.then(
      () => {
        realClearTimeout(timer);
        resolve(true);
      },
      () => {
        realClearTimeout(timer);
        resolve(true);
      },
    );
  });
}

/** `1.5 s`, `30 s`, `250 ms`: how the limit reads in a message. */
export function formatLimit(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}

/**
 * Adapters that hung once. Their later workloads are not run again: each would wait out the
 * limit once more, and fast-check shrinks an errored run through dozens of workloads.
 */
const hung = new WeakMap<Adapter, string>();

export function markHung(adapter: Adapter, message: string): void {
  if (!hung.has(adapter)) hung.set(adapter, message);
}

/** The error of an earlier workload that hung, for a run that is therefore not started. */
export function hungBefore(adapter: Adapter): string | null {
  const message = hung.get(adapter);
  return message === undefined ? null : `${message} (in an earlier workload; the adapter is not run again)`;
}
