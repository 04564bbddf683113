// What a workload runs on: a clock and a backend that plays the database server. Model mode
// gives a virtual clock and the in-memory backend; live mode a real clock and a real server.
import type { History } from '../history/History.ts';
import type { Backend } from '../adapter/Backend.ts';
import type { Tolerance } from './RunRecord.ts';

export interface RunClock {
  /** Milliseconds since the run started, in workload units. */
  readonly now: number;
  /** Exceptions thrown by timer callbacks (the pool's own code). */
  readonly uncaught: readonly unknown[];
  /** An event from outside the pool (a caller, the server) at a workload time. */
  at(time: number, fn: () => void): void;
  /** Lets time pass until `done()` holds or `until` is reached. */
  run(until: number, done?: () => boolean): Promise<'done' | 'until' | 'idle'>;
}

/** The backend as the runner drives it; adapters see only its Backend side. */
export interface RunBackend extends Backend {
  /** From now on every connect succeeds. */
  recover(): void;
  connectsInFlight(): number;
  /** Connection.ping() calls the server has not answered yet (a pool's async validation). */
  pingsInFlight(): number;
  /** The server terminates the nth connection it opened (1-based), if still open. */
  kill(nth: number): void;
  openCount(): number;
  openIds(): string[];
  /** The server's own list of this run's sessions (live mode), named as the history names them. */
  serverSessions?(): Promise<string[]>;
}

export interface Substrate {
  readonly clock: RunClock;
  readonly backend: RunBackend;
  readonly history: History;
  /**
   * How long, after close, waiters and borrowers get to settle before the end is read; the drain
   * lasts this long beyond the latest moment a pending acquire's own timeout could fire.
   */
  readonly drainMs: number;
  /** The drain never lasts longer than this: a pending acquire whose timeout lies beyond it is not judged. */
  readonly drainLimitMs: number;
  /** How long a scripted connect stall lasts (the horizons of the run's phases follow it). */
  readonly stallMs: number;
  readonly tolerance: Tolerance;
  /** Real ms per workload ms: 1 on model mode's virtual clock. */
  readonly scale: number;
  /** Probe borrowers get this long, after a connect's latency and retry delay, to be served. */
  readonly probeSlackMs: number;
}
