// npm run bench -- --fork: the process adapters and fork mode, in figures (printed, never asserted).
//   target: protocol overhead: acquire/release round trips through a process adapter at most 3x
//           slower than the same loop written directly in Python
//   target: --mode live and --mode fork at the quick profile under 30 s per Python adapter,
//           database start (embedded PostgreSQL) included
//   target: 20 Ctrl-C interrupts at random moments of a fork-mode run leave 0 processes, 0
//           sessions and 0 socket directories behind
// Needs /usr/bin/python3 with Debian's SQLAlchemy, psycopg2 and psycopg_pool; POOLCHECK_PG_URL
// (default: the machine's PostgreSQL) for the overhead and the interrupts.
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { greet } from '../src/process/greet.ts';
import { realNow } from '../src/model/VirtualClock.ts';
import { descendants, localPorts, running } from '../test/live/procfs.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const PG_URL = process.env.POOLCHECK_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PYTHON = process.env.POOLCHECK_PYTHON ?? '/usr/bin/python3';
const ROUND_TRIPS = 2_000;
const INTERRUPTS = Number(process.env.BENCH_INTERRUPTS ?? 20);

export async function protocolOverhead(): Promise<void> {
  const { channel } = await greet(`${root}adapters/sqlalchemy/queuepool.adapter.json`);
  const deadline = { deadlineMs: 10_000 };
  try {
    const config = { size: 1, maxOverflow: 0, acquireTimeoutMs: null, idleTimeoutMs: null, min: 0 };
    const { pool } = await channel.request('create', { config, database: { kind: 'postgres', url: PG_URL } }, deadline);
    for (const statement of [false, true]) {
      const roundTrip = async () => {
        const { lease } = await channel.request('acquire', { pool, task: 't1' }, deadline);
        if (statement) await channel.request('use', { lease, sql: 'select 1' }, deadline);
        await channel.request('release', { pool, lease }, deadline);
      };
      await roundTrip();
      const started = realNow();
      for (let i = 0; i < ROUND_TRIPS; i++) await roundTrip();
      const through = ROUND_TRIPS / ((realNow() - started) / 1000);
      const args = [`${root}bench/python/direct_loop.py`, PG_URL, String(ROUND_TRIPS * 5), ...(statement ? ['statement'] : [])];
      const direct = Number(execFileSync(PYTHON, args, { encoding: 'utf8' }).trim());
      const what = statement ? 'acquire, select 1, release' : 'acquire/release';
      console.log(
        `process adapter (SQLAlchemy QueuePool), ${what}: ${Math.round(through)} round trips/s through the protocol, ` +
          `${Math.round(direct)}/s in a direct Python loop: ${(direct / through).toFixed(1)}x slower (target at most 3x)`,
      );
    }
  } finally {
    await channel.close();
  }
}

/** Wall time of the CLI, as a user runs it, start of the embedded database included. */
export function wallTimes(): void {
  for (const adapter of ['sqlalchemy-queuepool', 'sqlalchemy-queuepool-dispose', 'sqlalchemy-nullpool', 'psycopg-pool']) {
    const line: string[] = [];
    for (const mode of ['live', 'fork']) {
      const started = realNow();
      try {
        execFileSync(process.execPath, ['bin/poolcheck.js', 'run', '--adapter', adapter, '--mode', mode, '--profile', 'quick', '--seed', '1', '--db', 'embedded', '--exit-zero'], { cwd: root, stdio: 'ignore' });
        line.push(`--mode ${mode} ${((realNow() - started) / 1000).toFixed(1)} s`);
      } catch {
        line.push(`--mode ${mode} exited non-zero`);
      }
    }
    console.log(`${adapter}, quick profile, embedded PostgreSQL: ${line.join(', ')} (target under 30 s each)`);
  }
}

/** The run's tags: its proxy's and witness's sessions to the server are sockets of poolcheck's own. */
async function tagsOf(client: pg.Client, pid: number): Promise<string[]> {
  const ports = [...localPorts(pid)];
  const { rows } = await client.query<{ tag: string }>("select distinct application_name as tag from pg_stat_activity where application_name like 'poolcheck%' and client_port = any($1::int[])", [ports]);
  return rows.map((r) => r.tag);
}

export async function interrupts(): Promise<void> {
  const admin = new pg.Client(PG_URL);
  await admin.connect();
  let processes = 0;
  let sessions = 0;
  let dirs = 0;
  let forked = 0;
  try {
    for (let i = 0; i < INTERRUPTS; i++) {
      const child = spawn(process.execPath, ['bin/poolcheck.js', 'run', '--adapter', 'sqlalchemy-queuepool', '--mode', 'fork', '--runs', '50', '--db', PG_URL], { cwd: root, stdio: 'ignore' });
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      // A random moment: the interpreter starting, a workload forking, a run closing its pools.
      const until = realNow() + 1_000 + Math.random() * 6_000;
      const seen = new Set<number>();
      const tags = new Set<string>();
      while (realNow() < until) {
        for (const p of descendants(child.pid!)) seen.add(p);
        for (const tag of await tagsOf(admin, child.pid!).catch(() => [])) tags.add(tag);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      if (seen.size >= 3) forked++;
      child.kill('SIGINT');
      await exited;
      await new Promise((resolve) => setTimeout(resolve, 2_000)); // the server notices closed sockets
      processes += [...seen].filter(running).length;
      dirs += readdirSync(tmpdir()).filter((n) => n.startsWith(`poolcheck-fork-${child.pid}-`)).length;
      const { rows } = await admin.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where application_name = any($1::text[])', [[...tags]]);
      sessions += rows[0]!.n;
    }
  } finally {
    await admin.end();
  }
  console.log(`${INTERRUPTS} Ctrl-C at random moments of a fork-mode run (${forked} while children ran): ${processes} processes, ${sessions} sessions, ${dirs} socket directories left (target 0, 0, 0)`);
}

export async function forkFigures(): Promise<void> {
  await protocolOverhead();
  await interrupts();
  wallTimes();
}
