// Live mode, a pool that spins in a synchronous loop (issue 7): the worker thread judging it on
// embedded PostgreSQL is stopped after the stall limit, the rule is `errored` naming the call that
// never returned, and the server is left with none of the run's sessions (the pool's, through the
// fault proxy that lived in the thread, and the witness's own). On SQLite, the run's temporary
// directory goes too; on MariaDB, the run's user. Short: few rules, a few workloads.
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadAdapter } from '../../src/adapter/loadAdapter.ts';
import { judgeIsolated } from '../../src/isolation/judgeIsolated.ts';
import type { Database } from '../../src/live/database/Database.ts';
import { databaseAddress, provisionPostgres } from '../../src/live/database/index.ts';
import { resolveRunOptions } from '../../src/options/resolveRunOptions.ts';
import { portAnswers } from './portAnswers.ts';

/** Every session poolcheck tagged on the server: `poolcheck:<run>` and `poolcheck-admin:<run>`. */
async function poolcheckSessions(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(`select count(*) as n from pg_stat_activity where application_name like 'poolcheck%'`);
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}

describe('live mode: a pool that never yields, on embedded PostgreSQL', () => {
  let database: Database;

  beforeAll(async () => {
    database = await provisionPostgres('embedded');
  }, 60_000);

  afterAll(async () => {
    await database?.stop();
  });

  afterEach(() => {
    delete process.env.POOLCHECK_STALL_MS;
  });

  it('stops the thread, names release(), and leaves no tagged session', { timeout: 90_000 }, async () => {
    process.env.POOLCHECK_STALL_MS = '1500';
    const options = resolveRunOptions({ mode: 'live', rules: ['EXCL-1', 'EXCL-2', 'CLOSE-1'], numRuns: 10, seed: 1 });
    const report = await judgeIsolated(await loadAdapter('test/fixtures/releaseSpins.ts'), options, {}, { database: databaseAddress(database) });
    expect(report.mode).toBe('live');
    expect(report.live?.database.provision).toBe('embedded');
    expect(report.verdicts[0]).toMatchObject({ rule: 'EXCL-1', status: 'passed' });
    expect(report.verdicts[1]).toMatchObject({ rule: 'EXCL-2', status: 'errored', message: expect.stringMatching(/^the pool did not yield for 1\.5 s: release\(\) of t\d+ had not returned/) });
    // A later rule is not run again, and says why (not a replay that "did not fail again").
    expect(report.verdicts[2]).toMatchObject({ rule: 'CLOSE-1', status: 'errored', message: expect.stringContaining('(in an earlier workload; the adapter is not run again)') });
    // The server needs a moment to see the dead thread's sockets closed; nothing may stay.
    let left = await poolcheckSessions(database.url);
    for (let i = 0; i < 20 && left > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      left = await poolcheckSessions(database.url);
    }
    expect(left).toBe(0);
  });
});

describe('live mode: a pool that never yields, on SQLite', () => {
  afterEach(() => {
    delete process.env.POOLCHECK_STALL_MS;
  });

  it('stops the thread, names release(), and leaves no temporary directory', { timeout: 90_000 }, async () => {
    const mine = () => readdirSync(tmpdir()).filter((name) => name.startsWith(`poolcheck-sqlite-${process.pid}-`));
    const before = mine();
    process.env.POOLCHECK_STALL_MS = '1500';
    const options = resolveRunOptions({ mode: 'live', rules: ['EXCL-2'], numRuns: 10, seed: 1 });
    const report = await judgeIsolated(await loadAdapter('test/fixtures/releaseSpins.ts'), options, {}, { database: { kind: 'sqlite' } });
    expect(report.live?.database.serverVersion).toMatch(/^SQLite /);
    expect(report.verdicts[0]).toMatchObject({ rule: 'EXCL-2', status: 'errored', message: expect.stringMatching(/^the pool did not yield for 1\.5 s: release\(\) of t\d+ had not returned/) });
    expect(mine()).toEqual(before);
  });
});

const myUp = await portAnswers(3306);

describe.skipIf(!myUp)(`live mode: a pool that never yields, on the machine's MariaDB${myUp ? '' : ' (skipped: nothing answers on 127.0.0.1:3306)'}`, () => {
  // A database of this test's own: the run user is granted it, so its rows in mysql.db tell this
  // run's user apart from those of other tests running meanwhile.
  const DB = 'poolcheck_isolation_test';
  let root: mysql.Connection;
  const runUsers = async (): Promise<string[]> => {
    const [rows] = await root.query('SELECT User AS user FROM mysql.db WHERE Db = ?', [DB]);
    return (rows as Array<{ user: string }>).map((r) => r.user);
  };

  beforeAll(async () => {
    root = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root' });
    await root.query(`CREATE DATABASE IF NOT EXISTS ${DB}`);
  });

  afterAll(async () => {
    await root?.query(`DROP DATABASE IF EXISTS ${DB}`);
    await root?.end();
  });

  afterEach(() => {
    delete process.env.POOLCHECK_STALL_MS;
  });

  it('stops the thread, names release(), and drops the run user with its sessions', { timeout: 90_000 }, async () => {
    process.env.POOLCHECK_STALL_MS = '1500';
    const url = `mysql://root@127.0.0.1:3306/${DB}`;
    const options = resolveRunOptions({ mode: 'live', rules: ['EXCL-1', 'EXCL-2'], numRuns: 10, seed: 1 });
    const database = { kind: 'mysql', url, safeUrl: url, host: '127.0.0.1', port: 3306, database: DB, user: 'root', serverVersion: 'MariaDB', provision: 'url' } as const;
    // While the worker judges, the run's user exists (so that its absence afterwards means something).
    const asked: Array<Promise<string[]>> = [];
    const report = await judgeIsolated(await loadAdapter('test/fixtures/releaseSpinsOnMysql.ts'), options, { onRuleResult: () => void asked.push(runUsers()) }, { database });
    const during = await Promise.all(asked);
    expect(report.verdicts[0]).toMatchObject({ rule: 'EXCL-1', status: 'passed' });
    expect(report.verdicts[1]).toMatchObject({ rule: 'EXCL-2', status: 'errored', message: expect.stringMatching(/^the pool did not yield for 1\.5 s: release\(\) of t\d+ had not returned/) });
    expect(during[0]).toEqual([expect.stringMatching(/^poolcheck_/)]);
    expect(await runUsers()).toEqual([]);
    const [[sessions]] = (await root.query('SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE USER = ?', [during[0]![0]])) as unknown as [[{ n: number }]];
    expect(Number(sessions.n)).toBe(0);
  });
});
