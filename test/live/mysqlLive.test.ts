// Live mode on MySQL/MariaDB against the machine's MariaDB: mysql2's and mariadb's pools open
// their own connections as the run's user, and the server's process list judges them. Skipped,
// with the reason, when nothing answers on 127.0.0.1:3306; the CLI's "no MySQL here" path runs
// everywhere.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mariadbAdapter from '../../adapters/mariadb/index.ts';
import mysql2Adapter from '../../adapters/mysql2/index.ts';
import type { Adapter } from '../../src/adapter/Adapter.ts';
import type { Database } from '../../src/live/database/Database.ts';
import { noMysql, provisionMysql } from '../../src/live/database/provisionMysql.ts';
import { openMysqlLiveRunner } from '../../src/live/mysql/openMysqlLiveRunner.ts';
import type { LiveRunner } from '../../src/live/openLiveRunner.ts';
import { applicability } from '../../src/runner/applicability.ts';
import { checkRule } from '../../src/runner/checkRule.ts';
import { rules } from '../../src/spec/rules.ts';
import { suiteFor } from '../../suites/ruleSuites.ts';
import { expectBoundAndLeakCaught } from './boundAndLeakCaught.ts';
import { expectCloseForgetsIdleCaught } from './closeForgetsIdleCaught.ts';
import { runCli, type CliResult } from '../e2e/runCli.ts';
import { portAnswers } from './portAnswers.ts';

const MY_URL = 'mysql://root@127.0.0.1:3306/test';
const myUp = await portAnswers(3306);
const skipReason = 'nothing answers on 127.0.0.1:3306 (the machine MariaDB; root without password, database test)';
if (!myUp) console.warn(`MySQL/MariaDB live mode tests skipped: ${skipReason}`);

/** The run user's sessions on the server, and whether the user still exists, asked as root. */
async function leftovers(runId: string): Promise<{ sessions: number; users: number }> {
  const root = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root' });
  try {
    const user = `poolcheck_${runId}`;
    const [[s]] = (await root.query('SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE USER = ?', [user])) as unknown as [[{ n: number }]];
    const [[u]] = (await root.query('SELECT COUNT(*) AS n FROM mysql.user WHERE User = ?', [user])) as unknown as [[{ n: number }]];
    return { sessions: Number(s.n), users: Number(u.n) };
  } finally {
    await root.end();
  }
}

/** The adapter's rules that apply to it (declared capabilities, no fork level). */
const applicableRules = (adapter: Adapter): string[] =>
  rules.filter((rule) => applicability(adapter, rule).kind === 'applicable').map((rule) => rule.id);

describe.skipIf(!myUp)(`live mode on the machine's MariaDB${myUp ? '' : ` (skipped: ${skipReason})`}`, () => {
  let database: Database;
  let runner: LiveRunner;

  beforeAll(async () => {
    const provisioned = await provisionMysql(MY_URL);
    if ('skipped' in provisioned) throw new Error(provisioned.skipped);
    database = provisioned;
    runner = await openMysqlLiveRunner(database);
  }, 60_000);

  afterAll(async () => {
    await runner?.close();
    await database?.stop();
  });

  for (const adapter of [mysql2Adapter, mariadbAdapter] as Adapter[]) {
    it(`${adapter.name}'s pool keeps its applicable rules on real sessions`, async () => {
      const ids = applicableRules(adapter);
      expect(ids).toEqual(expect.arrayContaining(['EXCL-1', 'BOUND-1', 'LEAK-1', 'CLOSE-1', 'QUERY-1', 'ERR-1']));
      // One seed here keeps the suite fast (mysql2's reaper makes each workload ~1.5 s); the soak
      // (npm run soak -- --target mysql2@mysql) repeats them at random seeds.
      for (const seed of [1]) {
        for (const rule of ids) {
          const verdict = await checkRule(adapter, suiteFor(rule)!, { numRuns: 2, seed, path: null, runner });
          expect(verdict.status === 'failed' ? `${rule}: ${verdict.violation.message}` : verdict.status, `${rule} at seed ${seed}`).toBe('passed');
        }
      }
    }, 600_000);
  }

  it('a close that forgets idle connections is caught by the server, not by the pool', async () => {
    await expectCloseForgetsIdleCaught(runner);
  }, 120_000);

  it('overflow kept open (BOUND-2) and a dropped connection (LEAK-1) are caught by the server, not by the pool', async () => {
    await expectBoundAndLeakCaught(runner);
  }, 120_000);

  it('leaves no session of the run user, and drops the user when the runner closes', async () => {
    const runId = runner.runId;
    // The one session left is the witness's observer, which logs in as the run user (MysqlWitness).
    expect((await leftovers(runId)).sessions).toBe(1);
    await runner.close();
    runner = undefined as unknown as LiveRunner;
    expect(await leftovers(runId)).toEqual({ sessions: 0, users: 0 });
  });

  it('poolcheck run --adapter mysql2 --db <url> judges the pool live and exits 0', async () => {
    const { code, stdout, stderr } = await runCli(['run', '--adapter', 'mysql2', '--db', MY_URL, '--rules', 'EXCL-1,BOUND-1,CLOSE-1', '--runs', '2', '--seed', '1']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/live mode/);
    for (const rule of ['EXCL-1', 'BOUND-1', 'CLOSE-1']) expect(stdout).toMatch(new RegExp(`${rule}\\s+passed`));
  }, 120_000);
});

/** The CLI with no MySQL URL and nothing that looks like a container runtime. */
function runWithoutMysql(args: readonly string[], home: string): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', HOME: home };
  for (const name of ['POOLCHECK_MYSQL_URL', 'DOCKER_HOST', 'XDG_RUNTIME_DIR', 'TESTCONTAINERS_HOST_OVERRIDE', 'TESTCONTAINERS_DOCKER_SOCKET_OVERRIDE']) delete env[name];
  return runCli(args, env);
}

// The runtime check also looks at the Docker sockets; where one exists, this path is not reachable.
const dockerSocket = ['/var/run/docker.sock', `/run/user/${userInfo().uid}/docker.sock`].find((p) => existsSync(p));

describe.skipIf(dockerSocket !== undefined)(`no MySQL/MariaDB configured${dockerSocket ? ` (skipped: ${dockerSocket} exists)` : ''}`, () => {
  const home = { path: '' };
  beforeAll(() => {
    home.path = mkdtempSync(join(tmpdir(), 'poolcheck-home-'));
  });
  afterAll(() => rmSync(home.path, { recursive: true, force: true }));

  it("reports the adapter's rules skipped with the one-line reason, never passed, and exits 2: nothing was judged", async () => {
    const { code, stdout, stderr } = await runWithoutMysql(['run', '--adapter', 'mysql2', '--rules', 'EXCL-1,BOUND-1', '--runs', '1', '--seed', '1'], home.path);
    expect(stderr).toBe(`poolcheck: mysql2 in live mode judged nothing, every applicable rule skipped: ${noMysql} (--allow-skipped accepts a run like this)\n`);
    expect(code).toBe(2);
    expect(stdout).toContain(noMysql);
    for (const rule of ['EXCL-1', 'BOUND-1']) expect(stdout).toMatch(new RegExp(`${rule}\\s+skipped\\s+${noMysql.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(stdout).toMatch(/0 passed, 0 failed, 0 errored, 0 not applicable, 2 skipped/);
  }, 60_000);
});
