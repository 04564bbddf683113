// Fork mode on PostgreSQL: one witness for the runner (pg_stat_activity, the run's tag), and for
// each workload a fault proxy of its own (LivePgOwnBackend), through which every session of every
// process passes: the proxy numbers them (c1, c2, ...), reads each one's server pid off the wire,
// and sees it end. That ledger is FORK-2's count and the names FORK-1's evidence is given in.
import type { DatabaseAddress } from '../live/database/Database.ts';
import { History, type HistoryEvent } from '../history/History.ts';
import { RealClock } from '../live/RealClock.ts';
import { LIVE_STALL_MS } from '../live/openLiveRunner.ts';
import { LivePgOwnBackend } from '../live/postgres/LivePgOwnBackend.ts';
import { ensureCapacity } from '../live/witness/ensureCapacity.ts';
import { newRunId } from '../live/witness/newRunId.ts';
import { PostgresWitness } from '../live/witness/PostgresWitness.ts';
import { waitUntil } from '../live/witness/waitUntil.ts';
import type { LiveInfo } from '../runner/AdapterReport.ts';
import type { ForkHost } from './ForkHost.ts';
import { MAX_CHILDREN, MAX_FORK_CAPACITY } from './forkWorkloadArbitrary.ts';
import type { ForkWorkload } from './ForkWorkload.ts';
import { runForkWorkload, type ForkRun } from './runForkWorkload.ts';
import { reportedDatabase } from '../live/database/reportedDatabase.ts';

/** What a fork-mode workload left to be judged. */
export interface ForkRecord extends ForkRun {
  readonly workload: ForkWorkload;
  readonly history: readonly HistoryEvent[];
}

export interface ForkRunner {
  readonly mode: 'fork';
  /** The tag of this runner's sessions on the server is `poolcheck:<runId>`. */
  readonly runId: string;
  readonly info: LiveInfo;
  run(host: ForkHost, workload: ForkWorkload): Promise<ForkRecord>;
  close(): Promise<void>;
}

/** Real ms after the last close for the run's sessions to end before the proxy cuts what is left. */
const SETTLE_MS = 2_000;

/**
 * Sessions a fork-mode run may have at once: every process at the largest capacity, and the
 * parent's connections the children inherited.
 */
const SESSIONS_NEEDED = (2 + MAX_CHILDREN) * MAX_FORK_CAPACITY;

export async function openForkRunner(database: DatabaseAddress): Promise<ForkRunner> {
  const runId = newRunId();
  const witness = await PostgresWitness.open(database.url, runId);
  try {
    await ensureCapacity(witness, SESSIONS_NEEDED);
  } catch (error) {
    await witness.close().catch(() => undefined);
    throw error;
  }
  return {
    mode: 'fork',
    runId,
    // Fork mode judges no timing: its tolerances are nil, and said so.
    info: { database: reportedDatabase(database), tolerance: { wakeUpMs: 0, timeoutMs: 0, connectMs: 0, scale: 1, jitterMs: 0 } },
    async run(host, workload) {
      const clock = new RealClock(1);
      const history = new History(() => Math.round(clock.now * 10) / 10);
      const backend = await LivePgOwnBackend.open(database, runId, witness, clock, history, { connects: [], defaultConnectMs: 0 }, LIVE_STALL_MS);
      try {
        const run = await runForkWorkload(host, workload, backend.drivers.database, history);
        // Every process is gone: what a pool closed is ending on the wire; give it a moment.
        await waitUntil(() => Promise.resolve(backend.openCount() === 0), "the run's sessions ended", SETTLE_MS, 10).catch(() => undefined);
        return { ...run, workload, history: history.events };
      } finally {
        clock.dispose();
        await backend.dispose();
        await witness.killAll();
      }
    },
    close: () => witness.close().then(() => undefined),
  };
}
