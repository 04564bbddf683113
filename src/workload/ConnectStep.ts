// The server side of a workload: how each connect attempt the pool makes goes, and how long a
// validation ping takes. Both model mode's in-memory server and live mode's backends play it.

/** How one connect attempt goes; attempts past the end of the script use the default. */
export interface ConnectStep {
  readonly ms: number;
  /**
   * `stall`: the attempt hangs for STALL_MS and then fails, like a connect to a dead host.
   * `hang`: the attempt never settles at all, like a host that swallows packets (a pool may give
   * up on it with a connect timeout of its own; the attempt itself never answers).
   * `slow`: the attempt succeeds after `ms`, and in live mode too (an `ok` step there takes what
   * the real server takes): the generator puts it after a failed one, with latencies that outlast
   * the waiter's timeout, so a connection arrives for a waiter that already gave up.
   */
  readonly outcome: 'ok' | 'fail' | 'stall' | 'hang' | 'slow';
}

/** Whether a step opens a session (after its latency). */
export const connectSucceeds = (step: ConnectStep): boolean => step.outcome === 'ok' || step.outcome === 'slow';

export const STALL_MS = 1000;

export interface BackendScript {
  readonly connects: readonly ConnectStep[];
  readonly defaultConnectMs: number;
  /** How long Connection.ping() takes (workload ms); absent or 0: it answers at once. */
  readonly pingMs?: number;
}
