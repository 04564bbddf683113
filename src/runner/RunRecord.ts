import type { Capabilities } from '../adapter/Adapter.ts';
import type { HistoryEvent } from '../history/History.ts';
import type { Workload } from '../workload/Workload.ts';

/** Everything a checker may judge: the workload, the history, and what the adapter claimed. */
export interface RunRecord {
  readonly workload: Workload;
  readonly capabilities: Capabilities;
  readonly capacity: number;
  readonly history: readonly HistoryEvent[];
  /**
   * Problems of the run itself rather than of a rule: the adapter broke its contract, or the
   * pool threw from a timer (a crash in Node). They make the verdict `errored`.
   */
  readonly errors: readonly string[];
  /** The substrate's own timing tolerances, in workload ms (all 0 on model mode's exact clock). */
  readonly tolerance: Tolerance;
  /** Real ms per workload ms (1 on model mode's virtual clock), for messages that name real times. */
  readonly scale: number;
  /** Workload ms: the longest the drain after close may last (see Substrate). */
  readonly drainLimitMs: number;
}

export interface Tolerance {
  /** Added to a pool's declared wake-up slack: how late a real event loop may run a callback. */
  readonly wakeUpMs: number;
  /** How far a timeout may land from its deadline, either side. */
  readonly timeoutMs: number;
  /** How long a real connect takes here (0 in model mode, where the workload says). */
  readonly connectMs: number;
}

export const exactTiming: Tolerance = { wakeUpMs: 0, timeoutMs: 0, connectMs: 0 };
