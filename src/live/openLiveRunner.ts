// Live mode on any database: each workload runs on a real clock against real sessions, the
// witness lists this run's sessions at every phase of the run (the audit the checkers judge by),
// and nothing of a workload outlives it: its connections are ended and its sessions killed.
// What differs between databases (the witness, how a connection is opened and tagged) comes in
// a LiveTarget; the clock, the tolerances and the phases are the same for all.
import { History } from '../history/History.ts';
import type { LiveInfo } from '../runner/AdapterReport.ts';
import type { Tolerance } from '../runner/RunRecord.ts';
import type { RunBackend, RunClock } from '../runner/Substrate.ts';
import { watchdogLimitMs } from '../runner/watchdog.ts';
import { WorkloadRun } from '../runner/WorkloadRun.ts';
import { withStrays } from '../isolation/withStrays.ts';
import type { WorkloadRunner } from '../runner/WorkloadRunner.ts';
import type { Workload } from '../workload/Workload.ts';
import { measureJitter } from './measureJitter.ts';
import { RealClock } from './RealClock.ts';
import { serverFullError } from './serverFull.ts';
import { ensureCapacity } from './witness/ensureCapacity.ts';
import type { Witness } from './witness/Witness.ts';
import { MAX_CAPACITY } from '../workload/workloadArbitrary.ts';

/** Real ms per workload ms: a 5 ms workload step lasts 20 ms, well above a local connect. */
export const LIVE_SCALE = 4;
/** Workload ms: a scripted stall, and the wait after close for waiters to settle. */
export const LIVE_STALL_MS = 100;
const LIVE_DRAIN_MS = 500;
/**
 * Workload ms the drain after close may last at most (2,500 = 10 s real): long enough for short
 * acquire timeouts, short enough to keep runs practical. A pending acquire whose own timeout lies
 * beyond it (tarn's 30 s default) is not judged.
 */
export const LIVE_DRAIN_LIMIT_MS = 2_500;
/** Workload ms a probe borrower gets beyond the declared delays: real connects take real time. */
const LIVE_PROBE_SLACK_MS = 250;

/** A live backend: the run's connections, and how to end whatever the pool left open. */
export interface LiveBackend extends RunBackend {
  dispose(): Promise<void>;
  /** The first connect the server refused because it was full (see serverFull.ts), if any. */
  readonly serverFull?: unknown;
}

/** What one workload's backend is built from. */
export interface LiveBackendContext {
  readonly clock: RunClock;
  readonly history: History;
  readonly workload: Workload;
  /** Workload ms a scripted stall lasts. */
  readonly stallMs: number;
}

/** One database's part of a live runner. */
export interface LiveTarget {
  readonly witness: Witness;
  /** Where the run happens, for the report (never a password). */
  readonly database: LiveInfo['database'];
  /** Real ms: the slowest of a few connects measured at the start. */
  readonly connectMs: number;
  /** Whether a connect can be held unanswered for ever (absent: it can; SQLite cannot). */
  readonly connectHangs?: boolean;
  backend(context: LiveBackendContext): LiveBackend | Promise<LiveBackend>;
  /** Lets go of what the target holds beyond the witness (a proxy, a temporary file). */
  close?(): Promise<void>;
}

export interface LiveRunner extends WorkloadRunner {
  /** The tag of this runner's sessions on the server is `poolcheck:<runId>` (PostgreSQL). */
  readonly runId: string;
  readonly tolerance: Tolerance;
  /** Real ms: the worst timer lateness measured when the runner opened. */
  readonly jitterMs: number;
  /** What the report says about the database and the tolerances. */
  readonly info: LiveInfo;
  close(): Promise<void>;
}

/**
 * Sessions a run may have on the server at once: a pool at the largest generated capacity, and as
 * many again closing while their replacements open (a closed session lingers for a moment).
 */
const SESSIONS_NEEDED = 2 * MAX_CAPACITY;

/** Real ms every live timing tolerance starts from (see openLiveRunner). */
export const LIVE_SLACK_BASE_MS = 20;

export async function openLiveRunner(target: LiveTarget): Promise<LiveRunner> {
  const { witness } = target;
  // A server that cannot hold the run would fail pools for its own reason: say so before judging.
  await ensureCapacity(witness, SESSIONS_NEEDED);
  const jitterMs = await measureJitter();
  // Three times the worst lateness seen, plus a base for what a pool does between two events on
  // a real event loop: the driver's round trips on loopback, and the pool's own turns (an ended
  // client's callback, a deferring Promise's macrotasks). A soak on a busy 2-core machine saw
  // pg-pool take 12 real ms from a destroyed client's end to its replacement's connect: 20 ms.
  const slack = (LIVE_SLACK_BASE_MS + 3 * jitterMs) / LIVE_SCALE;
  const tolerance: Tolerance = { wakeUpMs: slack, timeoutMs: slack, connectMs: (3 * target.connectMs) / LIVE_SCALE };
  return {
    mode: 'live',
    deterministic: false,
    // Timeouts a real connect fits in, in whole 5 ms steps: the rules are about the pool, not
    // about how fast this machine connects.
    timeoutFloorMs: Math.ceil(tolerance.connectMs / 5) * 5,
    // Live backends hold a connect unanswered (PostgreSQL at the proxy, MySQL on the driver's
    // socket; SQLite cannot), but not in workloads that judge the close: one that waits for a
    // hung connect would be read as never settling by the 2 s drain, long before the pool's or
    // driver's own connect timeout could end it (tarn's createTimeoutMillis 30 s, mysql2's
    // connectTimeout 10 s), a failure beyond the evidence.
    connectHangs: target.connectHangs === false ? 'nowhere' : 'not-at-close',
    runId: witness.runId,
    tolerance,
    jitterMs,
    info: { database: target.database, tolerance: { ...tolerance, scale: LIVE_SCALE, jitterMs } },
    async run(adapter, workload) {
      const clock = new RealClock(LIVE_SCALE);
      // 0.1 workload ms (0.4 real ms): finer than a real event loop keeps its timers.
      const history = new History(() => Math.round(clock.now * 10) / 10);
      const backend = await target.backend({ clock, history, workload, stallMs: LIVE_STALL_MS });
      const substrate = { clock, backend, history, drainMs: LIVE_DRAIN_MS, drainLimitMs: LIVE_DRAIN_LIMIT_MS, stallMs: LIVE_STALL_MS, tolerance, probeSlackMs: LIVE_PROBE_SLACK_MS, scale: LIVE_SCALE };
      const run = new WorkloadRun(adapter, workload, substrate);
      // What the pool throws where nobody catches it, during the run or while the cleanup ends
      // its sessions (a client with no 'error' listener), is an error of this run (withStrays.ts).
      return withStrays(async () => {
        try {
          // The watchdog (src/runner/watchdog.ts) stops a run that outlives its horizons; the
          // cleanup below runs either way and ends whatever the abandoned run left.
          const record = await run.runWithin(watchdogLimitMs(run.horizonMs, LIVE_SCALE));
          if (backend.serverFull) throw serverFullError(witness.server, backend.serverFull);
          return record;
        } finally {
          clock.dispose();
          await backend.dispose();
          await witness.killAll();
        }
      });
    },
    async close() {
      try {
        await witness.close();
      } finally {
        await target.close?.();
      }
    },
  };
}
