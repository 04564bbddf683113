// Live figures for npm run bench (-- --live: minutes of real databases, so not by default).
// Printed, never asserted.
//   target: each live adapter's quick profile in < 20 s on embedded PostgreSQL, start included
//   the overhead of poolcheck's instrumentation (the run's tagged clients through the fault
//   proxy, the backend's ledger, the history) on acquire / query / release, against a bare
//   pg-pool of plain pg clients on the same database, measured side by side in one run.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { pgPoolAdapter, type PgPool } from '../adapters/pg-pool/index.ts';
import type { ModelClient } from '../adapters/pg-pool/ModelClient.ts';
import { DEFAULT_RUNS_ON } from '../src/adapter/Adapter.ts';
import { builtInAdapters, loadAdapter } from '../src/adapter/loadAdapter.ts';
import { History } from '../src/history/History.ts';
import { provisionPostgres } from '../src/live/database/index.ts';
import type { Database } from '../src/live/database/Database.ts';
import { FaultProxy } from '../src/live/faultProxy.ts';
import { LivePgBackend } from '../src/live/LivePgBackend.ts';
import { pgProxyTarget, pgUrlViaProxy } from '../src/live/pgUrlViaProxy.ts';
import { DecideByClientPort } from '../src/live/proxy/decideByClientPort.ts';
import { RealClock } from '../src/live/RealClock.ts';
import { newRunId } from '../src/live/witness/newRunId.ts';
import { PostgresWitness } from '../src/live/witness/PostgresWitness.ts';
import { realNow } from '../src/model/VirtualClock.ts';
import type { Workload } from '../src/workload/Workload.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
/** Acquire / query / release cycles per round and path; borrowers at once; rounds per path. */
const CYCLES = Number(process.env.BENCH_LIVE_CYCLES ?? 2000);
const BORROWERS = 4;
const ROUNDS = 5;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** (a) One `poolcheck run` process per adapter, as a user runs it: database start included. */
async function quickProfileTimes(): Promise<void> {
  console.log('\nlive mode, quick profile, one process each (database start included):');
  for (const name of Object.keys(builtInAdapters)) {
    const { adapter } = await loadAdapter(name);
    const live = (adapter.runsOn ?? DEFAULT_RUNS_ON).live;
    if (live === null) continue;
    if (live === 'mysql' && !process.env.POOLCHECK_MYSQL_URL) {
      console.log(`  ${name.padEnd(14)}      -    skipped: set POOLCHECK_MYSQL_URL to time it`);
      continue;
    }
    const db = live === 'postgres' ? ['--db', 'embedded'] : [];
    const started = realNow();
    const out = spawnSync(process.execPath, ['bin/poolcheck.js', 'run', '--mode', 'live', ...db, '--adapter', name, '--profile', 'quick', '--seed', '1', '--exit-zero'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 300_000,
    });
    const seconds = (realNow() - started) / 1000;
    const summary = out.stdout.split('\n').find((line) => line.startsWith(`  ${adapter.name}:`))?.trim() ?? `no summary (exit ${out.status}): ${out.stderr.trim()}`;
    const where = { postgres: 'embedded PostgreSQL', sqlite: 'SQLite', mysql: 'POOLCHECK_MYSQL_URL' }[live];
    console.log(`  ${name.padEnd(14)}${seconds.toFixed(1).padStart(7)} s  on ${where}  ${summary}`);
  }
}

/** A workload with nothing scripted: every connect succeeds at the server's own pace. */
const plainScript: Workload = {
  config: { size: BORROWERS, maxOverflow: 0, acquireTimeoutMs: null, idleTimeoutMs: null, min: 0 },
  defaultConnectMs: 0,
  connects: [],
  kills: [],
  closeAt: null,
  tasks: [],
  promise: 'native',
};

/** `cycles` acquire / select 1 / release cycles spread over BORROWERS loops; real ms taken. */
async function cyclesMs(cycle: () => Promise<void>, cycles: number): Promise<number> {
  let left = cycles;
  const started = realNow();
  await Promise.all(
    Array.from({ length: BORROWERS }, async () => {
      while (left-- > 0) await cycle();
    }),
  );
  return realNow() - started;
}

/** (b) The same cycles through a bare pg-pool and through poolcheck's live PostgreSQL path. */
async function instrumentationOverhead(database: Database): Promise<void> {
  const bare = new pg.Pool({ connectionString: database.url, max: BORROWERS });
  const runId = newRunId();
  const witness = await PostgresWitness.open(database.url, runId);
  const decisions = new DecideByClientPort();
  const proxy = await FaultProxy.start({ target: pgProxyTarget(database), decide: decisions.decide });
  const clock = new RealClock(1);
  const history = new History(() => clock.now);
  const backend = new LivePgBackend({ url: pgUrlViaProxy(database.url, proxy), decisions, proxy }, runId, witness, clock, history, plainScript, 100);
  const pool: PgPool = pgPoolAdapter.create(plainScript.config, backend, { Promise });
  const bareCycle = async () => {
    const client = await bare.connect();
    await client.query('select 1');
    client.release();
  };
  // What a borrower of a workload run does: each step recorded as invoke / ok in the history.
  const instrumentedCycle = async () => {
    const acquire = history.invoke('b', 'acquire');
    const lease: ModelClient = await pgPoolAdapter.acquire(pool, {});
    const conn = pgPoolAdapter.connection(lease);
    history.ok(acquire, 'b', 'acquire', { conn: conn.id });
    const use = history.invoke('b', 'use', { conn: conn.id });
    await conn.query('select 1');
    history.ok(use, 'b', 'use', { conn: conn.id });
    const release = history.invoke('b', 'release', { conn: conn.id });
    pgPoolAdapter.release(pool, lease);
    history.ok(release, 'b', 'release', { conn: conn.id });
  };
  try {
    // Warm both (connections opened, code paths compiled), then alternate rounds.
    await cyclesMs(bareCycle, 200);
    await cyclesMs(instrumentedCycle, 200);
    const bareMs: number[] = [];
    const instrumentedMs: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      bareMs.push(await cyclesMs(bareCycle, CYCLES));
      instrumentedMs.push(await cyclesMs(instrumentedCycle, CYCLES));
    }
    const rate = (ms: number) => Math.round(CYCLES / (ms / 1000));
    console.log(`\nacquire / select 1 / release, ${CYCLES} cycles by ${BORROWERS} borrowers, median of ${ROUNDS} alternating rounds, same database:`);
    console.log(`  bare pg-pool, plain pg clients:                     ${rate(median(bareMs))} cycles/s`);
    console.log(`  pg-pool adapter, live backend, fault proxy, history: ${rate(median(instrumentedMs))} cycles/s`);
    console.log(`  overhead: ${(median(instrumentedMs) / median(bareMs)).toFixed(2)}x the bare time per cycle`);
  } finally {
    await bare.end();
    await pool.end();
    clock.dispose();
    await backend.dispose();
    await witness.killAll();
    await witness.close();
    await proxy.close();
  }
}

export async function liveFigures(): Promise<void> {
  await quickProfileTimes();
  const database = await provisionPostgres('embedded');
  try {
    await instrumentationOverhead(database);
  } finally {
    await database.stop();
  }
}
