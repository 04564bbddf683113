// Ctrl-C in the middle of a live run leaves nothing behind: the process exits promptly, and no
// session tagged by it stays on the server, no database process it started survives, and no
// temporary directory it made remains. Run end to end, as a user would: `node bin/poolcheck.js`
// as a child process, interrupted once it has printed that it is judging. Embedded PostgreSQL
// always; the machine's PostgreSQL by URL when it answers, where the server can be asked after.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../e2e/runCli.ts';
import { portAnswers } from './portAnswers.ts';
import { pythonHas } from '../process/pythonHas.ts';
import { descendants, localPorts, running } from './procfs.ts';

const machinePostgres = await portAnswers(5432);
const MACHINE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
/** Real ms: how long the child may take to print its header, and to exit after SIGINT. */
const START_MS = 90_000;
const EXIT_MS = 20_000;
/** Real ms the server may take to notice that a killed client's sockets are gone. */
const SERVER_NOTICE_MS = 5_000;

interface Child {
  readonly process: ChildProcess;
  stdout: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function start(db: string): Child {
  const args = ['bin/poolcheck.js', 'run', '--mode', 'live', '--db', db, '--adapter', 'reference', '--runs', '50', '--seed', '1'];
  const proc = spawn(process.execPath, args, { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const child: Child = {
    process: proc,
    stdout: '',
    exited: new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal }))),
  };
  proc.stdout.setEncoding('utf8').on('data', (s: string) => (child.stdout += s));
  proc.stderr.resume();
  return child;
}

/** Resolves once the child's output matches, rejects if it exits first or `ms` pass. */
function printed(child: Child, pattern: RegExp, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`no ${pattern} within ${ms} ms; printed:\n${child.stdout}`)), ms);
    const check = () => pattern.test(child.stdout) && finish();
    const early = () => finish(new Error(`exited before printing ${pattern}:\n${child.stdout}`));
    function finish(error?: Error) {
      clearTimeout(timer);
      child.process.stdout!.off('data', check);
      child.process.off('exit', early);
      if (error) reject(error);
      else resolve();
    }
    child.process.stdout!.on('data', check);
    child.process.once('exit', early);
    check();
  });
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}

async function query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
  const client = new pg.Client(MACHINE_URL);
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** The poolcheck tags of the sessions the child opened, found by the client ports it owns. */
async function tagsOf(pid: number): Promise<string[]> {
  const ports = [...localPorts(pid)];
  const rows = await query<{ tag: string }>(
    `select distinct application_name as tag from pg_stat_activity where application_name like 'poolcheck:%' and client_port = any($1::int[])`,
    [ports],
  );
  return rows.map((r) => r.tag);
}

/** Sessions with these tags still on the server once it had SERVER_NOTICE_MS to notice their clients gone. */
async function sessionsLeft(tags: readonly string[]): Promise<number> {
  const left = async () => (await query<{ n: number }>(`select count(*)::int as n from pg_stat_activity where application_name = any($1::text[])`, [tags]))[0]!.n;
  const deadline = Date.now() + SERVER_NOTICE_MS;
  let n = await left();
  while (n > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    n = await left();
  }
  return n;
}

const ourDirs = (pid: number) => readdirSync(tmpdir()).filter((name) => name.startsWith('poolcheck-') && name.includes(`-${pid}-`));

async function interrupt(child: Child): Promise<void> {
  child.process.kill('SIGINT');
  const { code, signal } = await within(child.exited, EXIT_MS, 'exit after SIGINT');
  // Died of the signal, or exited with the shell's code for it.
  expect(signal === 'SIGINT' || code === 130, `code ${code}, signal ${signal}`).toBe(true);
}

describe('Ctrl-C during a live run leaves nothing behind', () => {
  it('embedded PostgreSQL: the server process and its temporary directory are gone', { timeout: START_MS + EXIT_MS + 10_000 }, async () => {
    const child = start('embedded');
    try {
      await printed(child, /^ {2}PostgreSQL .*\(embedded\)/m, START_MS);
      const pid = child.process.pid!;
      const started = descendants(pid);
      const dirs = ourDirs(pid);
      // What the test then asserts is gone was really there.
      expect(started.length, 'the embedded server runs as a descendant').toBeGreaterThan(0);
      expect(dirs, 'the embedded server has its temporary directory').toHaveLength(1);
      await interrupt(child);
      // A postmaster that outlasts its stop's grace on a loaded machine is killed, and its
      // backends end when they notice its death: give them the moment that takes.
      await expect.poll(() => started.filter(running), { message: 'processes the child started, still running', timeout: SERVER_NOTICE_MS }).toEqual([]);
      expect(ourDirs(pid)).toEqual([]);
    } finally {
      child.process.kill('SIGKILL');
    }
  });

  const byUrl = 'the machine PostgreSQL by URL: no session tagged by the run stays';
  it.skipIf(!machinePostgres)(machinePostgres ? byUrl : `${byUrl} (skipped: nothing answers on 127.0.0.1:5432)`, { timeout: START_MS + EXIT_MS + 20_000 }, async () => {
    const child = start(MACHINE_URL);
    try {
      await printed(child, /^ {2}PostgreSQL .*\(url\)/m, START_MS);
      const pid = child.process.pid!;
      // Look, a bounded number of times, until the run's pool sessions have been seen (a run has
      // none between its workloads, so every look counts, not only the last).
      const seen = new Set<string>();
      for (let i = 0; i < 500 && seen.size === 0; i++) {
        for (const tag of await tagsOf(pid)) seen.add(tag);
        if (seen.size === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const tags = [...seen];
      expect(tags.length, 'the run\'s pool sessions were seen on the server').toBeGreaterThan(0);
      const started = descendants(pid);
      await interrupt(child);
      await expect.poll(() => started.filter(running), { message: 'processes the child started, still running', timeout: SERVER_NOTICE_MS }).toEqual([]);
      expect(ourDirs(pid)).toEqual([]);
      expect(await sessionsLeft(tags), `sessions tagged ${tags.join(', ')} left`).toBe(0);
    } finally {
      child.process.kill('SIGKILL');
    }
  });
});

describe('Ctrl-C during a fork-mode run leaves nothing behind', () => {
  const python = pythonHas('sqlalchemy, psycopg2');
  const title = 'no adapter process, forked child, session or socket directory stays';
  const why = !machinePostgres ? 'nothing answers on 127.0.0.1:5432' : !python ? 'no /usr/bin/python3 with SQLAlchemy and psycopg2' : null;
  it.skipIf(why !== null)(why ? `${title} (skipped: ${why})` : title, { timeout: START_MS + EXIT_MS + 20_000 }, async () => {
    const args = ['bin/poolcheck.js', 'run', '--mode', 'fork', '--db', MACHINE_URL, '--adapter', 'sqlalchemy-queuepool', '--runs', '50', '--seed', '1'];
    const proc = spawn(process.execPath, args, { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const child: Child = { process: proc, stdout: '', exited: new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal }))) };
    proc.stdout.setEncoding('utf8').on('data', (s: string) => (child.stdout += s));
    proc.stderr.resume();
    try {
      await printed(child, /^ {2}PostgreSQL .*\(url\)/m, START_MS);
      const pid = proc.pid!;
      // Until a workload has forked: the adapter and two of its children are Python processes.
      const pythons = () => descendants(pid).filter((p) => running(p) && readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('adapter.py'));
      let seen: number[] = [];
      for (let i = 0; i < 1_000 && seen.length < 3; i++) {
        seen = pythons();
        if (seen.length < 3) await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect(seen.length, 'an adapter and its forked children were seen').toBeGreaterThanOrEqual(3);
      const forkDirs = () => readdirSync(tmpdir()).filter((name) => name.startsWith(`poolcheck-fork-${pid}-`));
      // The run's tags: its proxy's sessions to the server are sockets of poolcheck's own.
      const tags = await tagsOf(pid);
      expect(forkDirs(), 'the socket directory of the workload under way').toHaveLength(1);
      const started = descendants(pid);
      await interrupt(child);
      // An adapter and its children end on their own when poolcheck's side of their pipes and
      // sockets closes; give them the moment that takes.
      await expect.poll(() => started.filter(running), { timeout: SERVER_NOTICE_MS }).toEqual([]);
      expect(forkDirs()).toEqual([]);
      if (tags.length === 0) return;
      expect(await sessionsLeft(tags), `sessions tagged ${tags.join(', ')} left`).toBe(0);
    } finally {
      proc.kill('SIGKILL');
    }
  });
});
