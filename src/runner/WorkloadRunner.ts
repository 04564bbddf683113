// How a rule's property runs one workload: on model mode's virtual clock (deterministic, ties
// explored) or against a real database (real time, replays are not exact).
import type { Adapter } from '../adapter/Adapter.ts';
import type { Workload } from '../workload/Workload.ts';
import type { ConnectHangs } from '../workload/workloadArbitrary.ts';
import type { RunRecord } from './RunRecord.ts';
import { runWorkload } from './runWorkload.ts';

export interface WorkloadRunner {
  readonly mode: 'model' | 'live';
  /** Whether the same workload and ties always give the same history (model mode). */
  readonly deterministic: boolean;
  /** Generated timeouts are at least this long (workload ms): real connects must fit in them. */
  readonly timeoutFloorMs: number;
  /** Where scripted connects may hang for ever (absent: anywhere). */
  readonly connectHangs?: ConnectHangs;
  run(adapter: Adapter, workload: Workload, ties: readonly number[]): Promise<RunRecord>;
}

export const modelRunner: WorkloadRunner = { mode: 'model', deterministic: true, timeoutFloorMs: 0, connectHangs: 'anywhere', run: runWorkload };
