// Live mode end to end: the same properties as model mode, on real PostgreSQL sessions, judged by
// the server's own session list. Embedded PostgreSQL always runs (it needs nothing but npm); the
// machine's PostgreSQL is used when it answers, as a user's URL would be.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceAdapter } from '../../adapters/reference/index.ts';
import type { Adapter } from '../../src/adapter/Adapter.ts';
import type { Workload } from '../../src/workload/Workload.ts';
import { suiteFor } from '../../suites/ruleSuites.ts';
import type { Database } from '../../src/live/database/Database.ts';
import { provisionPostgres } from '../../src/live/database/index.ts';
import { openPgLiveRunner, type LiveRunner } from '../../src/live/openPgLiveRunner.ts';
import { checkRule } from '../../src/runner/checkRule.ts';
import { expectBoundAndLeakCaught } from './boundAndLeakCaught.ts';
import { expectCloseForgetsIdleCaught } from './closeForgetsIdleCaught.ts';
import { reportProblems } from '../e2e/reportSchema.ts';
import { runCli } from '../e2e/runCli.ts';
import { portAnswers } from './portAnswers.ts';

const LOCAL_PG = 'postgres://postgres@127.0.0.1:5432/postgres';

const localPg = await portAnswers(5432);

/** This run's sessions still on the server: pool sessions are tagged `poolcheck:<run id>`. */
async function taggedSessions(url: string, runIds: readonly string[]): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(`select count(*) as n from pg_stat_activity where application_name = any($1)`, [runIds.map((id) => `poolcheck:${id}`)]);
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}

describe('live mode on embedded PostgreSQL', () => {
  let database: Database;
  let runner: LiveRunner;

  beforeAll(async () => {
    database = await provisionPostgres('embedded');
    runner = await openPgLiveRunner(database);
  }, 60_000);

  afterAll(async () => {
    await runner?.close();
    await database?.stop();
  });

  it('the reference pool keeps the core rules on real sessions', async () => {
    for (const rule of ['EXCL-1', 'BOUND-1', 'LEAK-1', 'CLOSE-1']) {
      const verdict = await checkRule(referenceAdapter, suiteFor(rule)!, { numRuns: 2, seed: 1, path: null, runner });
      expect(verdict, rule).toMatchObject({ status: 'passed' });
    }
  });

  it('a close that forgets idle connections is caught by the server, not by the pool', async () => {
    await expectCloseForgetsIdleCaught(runner);
  });

  it('overflow kept open (BOUND-2) and a dropped connection (LEAK-1) are caught by the server, not by the pool', async () => {
    await expectBoundAndLeakCaught(runner);
  });

  it('a session the server ends under the pool is the server\'s kill in the history, never the pool\'s close', async () => {
    // The adapter terminates its own lease's session from outside the pool, as an administrator
    // (or a stray cleanup) would, and waits until the server no longer lists it.
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      const terminating: Adapter = {
        ...(referenceAdapter as unknown as Adapter),
        acquire: async (pool, options) => {
          const lease = await referenceAdapter.acquire(pool as never, options);
          await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1`, [`poolcheck:${runner.runId}`]);
          while ((await admin.query(`select 1 from pg_stat_activity where application_name = $1`, [`poolcheck:${runner.runId}`])).rowCount) await new Promise((r) => setTimeout(r, 5));
          return lease;
        },
      };
      const workload: Workload = {
        config: { size: 1, maxOverflow: 0, acquireTimeoutMs: null, idleTimeoutMs: null, min: 0 },
        defaultConnectMs: 0,
        connects: [],
        kills: [],
        closeAt: null,
        tasks: [{ kind: 'borrow', start: 0, together: false, timeoutMs: null, holdMs: 5, use: false, end: 'release' }],
        promise: 'native',
      };
      const run = await runner.run(terminating, workload, []);
      const ends = run.history.filter((e) => e.conn === 'c1' && (e.kind === 'kill' || e.kind === 'disconnect'));
      expect(ends[0]).toMatchObject({ kind: 'kill', note: expect.stringMatching(/^not scripted: the session ended under the pool \(.+\); 0 open$/) });
      expect(ends.filter((e) => e.kind === 'disconnect')).toEqual([]);
    } finally {
      await admin.end();
    }
  });

  it('a scripted kill is in the history once, however its socket\'s end comes after it', async () => {
    // The kill at 50 ms falls well after the connect (a few ms) and within the 150 ms hold.
    const workload: Workload = {
      config: { size: 1, maxOverflow: 0, acquireTimeoutMs: null, idleTimeoutMs: null, min: 0 },
      defaultConnectMs: 0,
      connects: [],
      kills: [{ at: 50, nth: 1 }],
      closeAt: null,
      tasks: [{ kind: 'borrow', start: 0, together: false, timeoutMs: null, holdMs: 150, use: false, end: 'release' }],
      promise: 'native',
    };
    const run = await runner.run(referenceAdapter, workload, []);
    expect(run.history.filter((e) => e.conn === 'c1' && e.kind === 'kill')).toHaveLength(1);
  });

  it('leaves no session of the run on the server', async () => {
    expect(await taggedSessions(database.url, [runner.runId])).toBe(0);
  });
});

describe.runIf(localPg)("live mode on the machine's PostgreSQL, given as a URL", () => {
  const dir = { path: '' };
  beforeAll(() => {
    dir.path = mkdtempSync(join(tmpdir(), 'poolcheck-live-'));
  });
  afterAll(() => rmSync(dir.path, { recursive: true, force: true }));

  it('poolcheck run --mode live --db <url> judges generic-pool and reports the database, without a password', async () => {
    const { code, stdout, stderr } = await runCli([
      'run', '--mode', 'live', '--db', LOCAL_PG, '--adapter', 'generic-pool', '--rules', 'EXCL-1,BOUND-1,CLOSE-1', '--runs', '2', '--seed', '1', '--report-dir', dir.path,
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/live mode/);
    const report = JSON.parse(readFileSync(join(dir.path, 'report.json'), 'utf8')) as { run: { mode: string; database: { provision: string; url: string } } };
    expect(reportProblems(report)).toBe('');
    expect(report.run.mode).toBe('live');
    expect(report.run.database).toMatchObject({ provision: 'url', url: LOCAL_PG });
    expect(existsSync(join(dir.path, 'badge.svg'))).toBe(true);
  }, 120_000);

  it('an unreachable database is one line and exit 2, naming host and port', async () => {
    const { code, stderr } = await runCli(['run', '--mode', 'live', '--db', 'postgres://poolcheck:secret-pw@127.0.0.1:1/postgres', '--adapter', 'reference']);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/127\.0\.0\.1:1/);
    expect(stderr).not.toMatch(/secret-pw/);
  }, 60_000);
});

describe('live mode flags', () => {
  it('--db without --mode live is a usage error', async () => {
    const { code, stderr } = await runCli(['run', '--adapter', 'reference', '--db', 'embedded']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^poolcheck: --db chooses the database of live mode: add --mode live\n$/);
  });
});
