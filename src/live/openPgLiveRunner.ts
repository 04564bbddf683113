// Live mode on PostgreSQL: each workload runs on a real clock against real sessions, the server
// lists this run's sessions at every phase of the run (the audit the checkers judge by), and
// nothing of a workload outlives it: its clients are ended and its tagged sessions killed.
import { History } from '../history/History.ts';
import type { Tolerance } from '../runner/RunRecord.ts';
import { WorkloadRun } from '../runner/WorkloadRun.ts';
import type { WorkloadRunner } from '../runner/WorkloadRunner.ts';
import type { Database } from './database/Database.ts';
import { LivePgBackend } from './LivePgBackend.ts';
import { measureConnect } from './measureConnect.ts';
import { measureJitter } from './measureJitter.ts';
import { RealClock } from './RealClock.ts';
import { newRunId } from './witness/newRunId.ts';
import { PostgresWitness } from './witness/PostgresWitness.ts';

/** Real ms per workload ms: a 5 ms workload step lasts 20 ms, well above a local connect. */
export const LIVE_SCALE = 4;
/** Workload ms: a scripted stall, and the wait after close for waiters to settle. */
const LIVE_STALL_MS = 100;
const LIVE_DRAIN_MS = 500;
/** Workload ms a probe borrower gets beyond the declared delays: real connects take real time. */
const LIVE_PROBE_SLACK_MS = 250;

export interface LiveRunner extends WorkloadRunner {
  readonly database: Database;
  /** The tag of this runner's sessions on the server is `poolcheck:<runId>`. */
  readonly runId: string;
  readonly tolerance: Tolerance;
  /** Real ms: the worst timer lateness measured when the runner opened. */
  readonly jitterMs: number;
  close(): Promise<void>;
}

export async function openPgLiveRunner(database: Database): Promise<LiveRunner> {
  const runId = newRunId();
  const witness = await PostgresWitness.open(database.url, runId);
  const jitterMs = await measureJitter();
  const connectMs = await measureConnect(database.url, runId);
  // Three times the worst lateness seen, plus 10 ms for the driver's own round trips.
  const slack = (10 + 3 * jitterMs) / LIVE_SCALE;
  const tolerance: Tolerance = { wakeUpMs: slack, timeoutMs: slack, connectMs: (3 * connectMs) / LIVE_SCALE };
  return {
    mode: 'live',
    deterministic: false,
    // Timeouts a real connect fits in, in whole 5 ms steps: the rules are about the pool, not
    // about how fast this machine connects.
    timeoutFloorMs: Math.ceil(tolerance.connectMs / 5) * 5,
    database,
    runId,
    tolerance,
    jitterMs,
    async run(adapter, workload) {
      const clock = new RealClock(LIVE_SCALE);
      const history = new History(() => Math.round(clock.now * 100) / 100);
      const backend = new LivePgBackend(database.url, runId, witness, clock, history, workload, LIVE_STALL_MS);
      const substrate = { clock, backend, history, drainMs: LIVE_DRAIN_MS, stallMs: LIVE_STALL_MS, tolerance, probeSlackMs: LIVE_PROBE_SLACK_MS, scale: LIVE_SCALE };
      try {
        return await new WorkloadRun(adapter, workload, substrate).run();
      } finally {
        clock.dispose();
        await backend.dispose();
        await witness.killAll();
      }
    },
    close: () => witness.close().then(() => undefined),
  };
}
