// What kind of workloads a rule's property generates. Each suite asks for the shape that can
// expose its rule; workloadArbitrary turns a shape and the adapter's capabilities into an
// arbitrary.
import type { TaskEnd } from './Workload.ts';

export interface WorkloadShape {
  readonly maxTasks: number;
  /** How borrowers may end their lease. */
  readonly ends: readonly TaskEnd[];
  /** Borrowers may run a query on what they hold. */
  readonly use: boolean;
  /** Generate an acquire timeout (when the pool has one): never, sometimes, always. */
  readonly acquireTimeout: 'never' | 'sometimes' | 'always';
  /**
   * With `acquireTimeout: 'always'`, leave the configured timeout unset now and then when the
   * adapter declares the pool's own default (`acquireTimeout.defaultMs`), so that it is judged too.
   */
  readonly poolDefaultTimeout: boolean;
  /**
   * Scripted connect failures and stalls, and (with `slowConnects`) a failed connect followed by
   * one that succeeds slowly, after the waiter's timeout.
   */
  readonly connectFaults: boolean;
  /** With `connectFaults`: failed connects may be followed by slow ones (see ConnectStep `slow`). */
  readonly slowConnects: boolean;
  /** Connect attempts that never settle (a host that swallows packets), where the substrate can make them. */
  readonly connectHangs: boolean;
  /** A validation latency for pools that declare `asyncValidation` (pings that race the acquire timeout). */
  readonly slowValidation: boolean;
  /** The server kills connections mid-run. */
  readonly kills: boolean;
  /** The workload closes the pool while borrowers hold and wait. */
  readonly close: boolean;
  /** Tasks are calls of the pool's query helper instead of borrows. */
  readonly queries: boolean;
  /** Ask for a minimum of open connections. */
  readonly min: boolean;
}

export const defaultShape: WorkloadShape = {
  maxTasks: 6,
  ends: ['release'],
  use: true,
  acquireTimeout: 'sometimes',
  poolDefaultTimeout: false,
  connectFaults: false,
  slowConnects: true,
  connectHangs: false,
  slowValidation: true,
  kills: false,
  close: false,
  queries: false,
  min: false,
};

export function shape(overrides: Partial<WorkloadShape>): WorkloadShape {
  return { ...defaultShape, ...overrides };
}
