// A MySQL run's user outlives a SIGKILLed poolcheck on the server; the next run on that server
// drops it, on the evidence this machine kept (the dead process's ledger file), and only when no
// session uses it. Against the machine's MariaDB; skipped when nothing answers on 3306.
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import mysql, { type Connection, type RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordRunUser, sweepRunUsers } from '../../src/live/witness/mysqlUserLedger.ts';
import { repoRoot } from '../e2e/runCli.ts';
import { portAnswers } from './portAnswers.ts';

const myUp = await portAnswers(3306);
const SERVER = 'MySQL at 127.0.0.1:3306';
/** A pid that ran and is gone: a child that has already exited. */
const deadPid = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
const HOUR_LATER = Date.now() + 3_600_000;

describe('the ledger of run users this process created', () => {
  it('notes a user and forgets it again; the file goes with its last line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-test-'));
    try {
      const forgetA = recordRunUser(SERVER, 'poolcheck_a', dir);
      const forgetB = recordRunUser(SERVER, 'poolcheck_b', dir);
      const file = join(dir, `poolcheck-mysql-users-${process.pid}.txt`);
      expect(readFileSync(file, 'utf8')).toBe(`${SERVER}\tpoolcheck_a\n${SERVER}\tpoolcheck_b\n`);
      forgetA();
      expect(readFileSync(file, 'utf8')).toBe(`${SERVER}\tpoolcheck_b\n`);
      forgetB();
      expect(existsSync(file)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.runIf(myUp)("sweeping what dead runs left on the machine's MariaDB", () => {
  let admin: Connection;
  let dir: string;
  const left = `poolcheck_sweep${process.pid}a`;
  const inUse = `poolcheck_sweep${process.pid}b`;
  const users = async () =>
    (await admin.query<Array<{ u: string } & RowDataPacket>>('SELECT User AS u FROM mysql.user WHERE User IN (?, ?)', [left, inUse]))[0].map((r) => r.u).sort();

  beforeAll(async () => {
    admin = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root' });
    dir = mkdtempSync(join(tmpdir(), 'ledger-test-'));
    for (const user of [left, inUse]) await admin.query(`CREATE USER ?@'%' IDENTIFIED BY 'Pc1-sweep-test-pw'`, [user]);
  });

  afterAll(async () => {
    for (const user of [left, inUse]) await admin.query(`DROP USER IF EXISTS ?@'%'`, [user]);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  });

  it('drops a dead run\'s idle user on this server, keeps one in use, and never touches other servers\' lines', async () => {
    const file = join(dir, `poolcheck-mysql-users-${deadPid}.txt`);
    writeFileSync(file, `${SERVER}\t${left}\n${SERVER}\t${inUse}\nMySQL at 10.0.0.9:3306\tpoolcheck_elsewhere\n`);
    const old = new Date(Date.now() - 3_600_000);
    utimesSync(file, old, old);
    const session = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: inUse, password: 'Pc1-sweep-test-pw' });
    try {
      // A file younger than a minute may be a starting process's: left alone.
      expect(await sweepRunUsers(admin, SERVER, dir, Date.now() - 3_600_000 + 1_000)).toEqual([]);
      expect(await sweepRunUsers(admin, SERVER, dir, HOUR_LATER)).toEqual([left]);
      expect(await users()).toEqual([inUse]);
      expect(readFileSync(file, 'utf8')).toBe(`${SERVER}\t${inUse}\nMySQL at 10.0.0.9:3306\tpoolcheck_elsewhere\n`);
    } finally {
      await session.end();
    }
  });

  it('a live process\'s ledger is never swept', async () => {
    rmSync(join(dir, `poolcheck-mysql-users-${deadPid}.txt`), { force: true });
    const file = join(dir, `poolcheck-mysql-users-${process.pid}.txt`);
    writeFileSync(file, `${SERVER}\t${inUse}\n`);
    expect(await sweepRunUsers(admin, SERVER, dir, HOUR_LATER)).toEqual([]);
    expect(await users()).toEqual([inUse]);
    rmSync(file);
  });
});

describe.runIf(myUp)('Ctrl-C while a MySQL witness is open', () => {
  it('drops the run user before the process dies of the signal, and forgets it in the ledger', async () => {
    const script = [
      "const { MysqlWitness } = await import('./src/live/witness/MysqlWitness.ts');",
      "const w = await MysqlWitness.open('mysql://root@127.0.0.1:3306/test', 'sigint' + process.pid);",
      "console.log('ready ' + w.tag);",
      'setInterval(() => {}, 1000);',
    ].join('\n');
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const tag = await new Promise<string>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (s: string) => {
        out += s;
        const m = /ready (\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code} before it was ready: ${out}`)));
    });
    const admin = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root' });
    try {
      const count = async () => Number((await admin.query<Array<{ n: number } & RowDataPacket>>('SELECT COUNT(*) AS n FROM mysql.user WHERE User = ?', [tag]))[0][0]!.n);
      expect(await count(), 'the run user exists while the run does').toBe(1);
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
      child.kill('SIGINT');
      expect(await exited).toBe('SIGINT');
      expect(await count()).toBe(0);
      expect(existsSync(join(tmpdir(), `poolcheck-mysql-users-${child.pid}.txt`))).toBe(false);
    } finally {
      child.kill('SIGKILL');
      await admin.end();
    }
  }, 30_000);
});
