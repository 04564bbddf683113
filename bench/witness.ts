// How fast the live witness can sample, which bounds the sampler interval the runner may ask for.
// For each server that answers (POOLCHECK_PG_URL / POOLCHECK_MYSQL_URL, else the machine's own
// at 127.0.0.1), and for SQLite: samples per second back to back and the median time of one
// sample and one sessions() listing, with 0, 10 and 50 of the run's sessions open; beside them a
// bare `SELECT 1` on the witness's kind of connection, the floor any sample stands on.
//
//   node --import tsx bench/witness.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { MysqlWitness } from '../src/live/witness/MysqlWitness.ts';
import { newRunId } from '../src/live/witness/newRunId.ts';
import { pgTaggedConfig } from '../src/live/witness/pgTaggedConfig.ts';
import { PostgresWitness } from '../src/live/witness/PostgresWitness.ts';
import { SqliteWitness } from '../src/live/witness/SqliteWitness.ts';
import type { Witness } from '../src/live/witness/Witness.ts';
import { portAnswers } from '../test/live/portAnswers.ts';

const PG_URL = process.env.POOLCHECK_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const MY_URL = process.env.POOLCHECK_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
const WINDOW_MS = 1000;


/** Runs `op` back to back for WINDOW_MS: calls per second and the median duration in ms. */
async function rate(op: () => Promise<unknown>): Promise<{ perSecond: number; medianMs: number }> {
  for (let i = 0; i < 20; i++) await op(); // warm up: prepared statements, JIT
  const times: number[] = [];
  const start = performance.now();
  while (performance.now() - start < WINDOW_MS) {
    const t = performance.now();
    await op();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { perSecond: Math.round((times.length / (performance.now() - start)) * 1000), medianMs: times[Math.floor(times.length / 2)] ?? NaN };
}

const rows: string[][] = [];
async function measure(label: string, witness: Witness, open: (n: number) => Promise<() => Promise<void>>, bare: () => Promise<unknown>): Promise<void> {
  const floor = await rate(bare);
  rows.push([label, 'bare SELECT 1', '-', String(floor.perSecond), floor.medianMs.toFixed(3)]);
  for (const n of [0, 10, 50]) {
    const close = await open(n);
    const sample = await rate(() => witness.sample());
    const sessions = await rate(() => witness.sessions());
    rows.push([label, 'sample()', String(n), String(sample.perSecond), sample.medianMs.toFixed(3)]);
    rows.push([label, 'sessions()', String(n), String(sessions.perSecond), sessions.medianMs.toFixed(3)]);
    await close();
  }
}

if (await portAnswers(Number(new URL(PG_URL).port || 5432), new URL(PG_URL).hostname)) {
  const runId = newRunId();
  const witness = await PostgresWitness.open(PG_URL, runId);
  const probe = new pg.Client({ connectionString: PG_URL });
  await probe.connect();
  try {
    await measure(witness.server, witness, async (n) => {
      const clients = await Promise.all(Array.from({ length: n }, async () => {
        const c = new pg.Client(pgTaggedConfig(PG_URL, runId));
        c.on('error', () => undefined);
        await c.connect();
        return c;
      }));
      return async () => void (await Promise.all(clients.map((c) => c.end())));
    }, () => probe.query('SELECT 1'));
  } finally {
    await probe.end();
    await witness.close();
  }
} else {
  console.log('PostgreSQL: nothing answers; set POOLCHECK_PG_URL to measure it');
}

if (await portAnswers(Number(new URL(MY_URL).port || 3306), new URL(MY_URL).hostname)) {
  const witness = await MysqlWitness.open(MY_URL, newRunId());
  const probe = await mysql.createConnection(witness.poolOptions);
  try {
    await measure(witness.server, witness, async (n) => {
      // The probe is one of the run's sessions too.
      const conns = await Promise.all(Array.from({ length: Math.max(0, n - 1) }, async () => {
        const c = await mysql.createConnection(witness.poolOptions);
        c.on('error', () => undefined);
        return c;
      }));
      return async () => void (await Promise.all(conns.map((c) => c.end())));
    }, () => probe.query('SELECT 1'));
  } finally {
    await probe.end();
    await witness.close();
  }
} else {
  console.log('MySQL/MariaDB: nothing answers; set POOLCHECK_MYSQL_URL to measure it');
}

{
  const dir = mkdtempSync(join(tmpdir(), 'poolcheck-bench-'));
  const witness = await SqliteWitness.open(newRunId(), { filename: join(dir, 'bench.db') });
  const probe = witness.connect();
  const one = probe.prepare('SELECT 1');
  try {
    await measure('SQLite', witness, (n) => {
      const dbs = Array.from({ length: Math.max(0, n - 1) }, () => witness.connect());
      return Promise.resolve(async () => {
        for (const db of dbs) db.close();
        await Promise.resolve();
      });
    }, () => Promise.resolve(one.get()));
  } finally {
    await witness.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const header = ['server', 'call', 'sessions open', 'per second', 'median ms'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
for (const r of [header, ...rows]) console.log(r.map((c, i) => (i >= 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  '));
