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
}
