// The Python process adapters (adapters/sqlalchemy/, adapters/psycopg-pool/) spoken to through
// poolcheck's channel, against the machine's PostgreSQL: the greeting passes the adapter
// contract's checks, borrowers acquire on threads of their own, each lease names the server's own
// session (held against pg_stat_activity), the pool's timeout comes back classified, and nothing
// is left behind. Skipped, with the reason, without /usr/bin/python3 and Debian's packages, or
// without PostgreSQL.
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { greet, type Greeted } from '../../src/process/greet.ts';
import { ProcessAdapterError } from '../../src/process/ProcessAdapterError.ts';
import { portAnswers } from '../live/portAnswers.ts';
import { pythonHas } from './pythonHas.ts';

const PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const manifest = (path: string) => fileURLToPath(new URL(`../../adapters/${path}.adapter.json`, import.meta.url));

const skip = !pythonHas('sqlalchemy, psycopg2, psycopg_pool') ? 'no /usr/bin/python3 with SQLAlchemy, psycopg2 and psycopg_pool (apt-get install python3-sqlalchemy python3-psycopg2 python3-psycopg-pool)' : !(await portAnswers(5432)) ? 'nothing answers on 127.0.0.1:5432' : null;
if (skip) console.warn(`Python process adapter tests skipped: ${skip}`);

const DEADLINE = { deadlineMs: 10_000 };

const cases = [
  {
    path: 'sqlalchemy/queuepool',
    greeting: { name: 'sqlalchemy-queuepool', pool: { name: 'SQLAlchemy', version: expect.stringMatching(/^1\.4\./) }, capabilities: { acquireTimeout: { covers: 'queue-only', defaultMs: 30000 } } },
    timeout: 'sqlalchemy.exc.TimeoutError',
    // QueuePool: "When those additional connections are returned to the pool, they are disconnected and discarded."
    keptAfterReturn: 1,
  },
  {
    path: 'psycopg-pool/psycopg-pool',
    greeting: { name: 'psycopg-pool', pool: { name: 'psycopg_pool' }, capabilities: { acquireTimeout: { covers: 'whole-acquire', defaultMs: 30000 } } },
    timeout: 'psycopg_pool.PoolTimeout',
    // ConnectionPool keeps connections above min_size until max_idle (10 minutes by default).
    keptAfterReturn: 2,
  },
] as const;

describe.skipIf(skip !== null).each(cases)(`the Python process adapter $path${skip ? ` (skipped: ${skip})` : ''}`, ({ path, greeting, timeout, keptAfterReturn }) => {
  const tag = `poolcheck:py${process.pid}${path.length}`;
  let admin: pg.Client;
  let adapter: Greeted;
  const sessions = async (): Promise<string[]> =>
    (await admin.query<{ s: string }>(`select pid || '@' || to_char(backend_start at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as s from pg_stat_activity where application_name = $1`, [tag])).rows.map((r) => r.s);

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    adapter = await greet(manifest(path));
  });

  afterAll(async () => {
    await adapter?.channel.close();
    await admin?.end();
  });

  it('greets as the adapter contract asks: live on PostgreSQL, no model form', () => {
    expect(adapter.greeting).toMatchObject({ ...greeting, runsOn: { model: false, live: 'postgres' } });
  });

  it('lends each borrower a session the server lists, times the third out, and leaves nothing after close', async () => {
    const { channel } = adapter;
    const url = `postgresql://postgres@127.0.0.1:5432/postgres?application_name=${encodeURIComponent(tag)}`;
    const { pool } = await channel.request('create', { config: { size: 1, maxOverflow: 1, acquireTimeoutMs: 300, idleTimeoutMs: null, min: 0 }, database: { kind: 'postgres', url } }, DEADLINE);
    const [a, b] = await Promise.all([channel.request('acquire', { pool, task: 't1' }, DEADLINE), channel.request('acquire', { pool, task: 't2' }, DEADLINE)]);
    const lent = [a, b].map((l) => `${l.session.pid}@${l.session.start}`).sort();
    expect(await sessions()).toEqual(expect.arrayContaining(lent));
    expect(lent[0]).not.toBe(lent[1]);
    const third = await channel.request('acquire', { pool, task: 't3' }, DEADLINE).catch((error: unknown) => error);
    expect(third).toBeInstanceOf(ProcessAdapterError);
    expect(third).toMatchObject({ errorClass: 'timeout', name: timeout });
    await channel.request('use', { lease: a.lease, sql: 'select 1' }, DEADLINE);
    await channel.request('release', { pool, lease: a.lease }, DEADLINE);
    await channel.request('release', { pool, lease: b.lease }, DEADLINE);
    await expect.poll(async () => (await sessions()).length, { timeout: 5000 }).toBe(keptAfterReturn);
    await channel.request('close', { pool }, DEADLINE);
    await expect.poll(async () => (await sessions()).length, { timeout: 5000 }).toBe(0);
  });
});
