// The live witness against the machine's own servers: PostgreSQL at 127.0.0.1:5432 and MariaDB
// (or MySQL) at 127.0.0.1:3306. Each group is skipped, with the reason in its name, when its
// port does not answer: poolcheck must not depend on them. What is proven here is what a false
// verdict would come from: the witness sees exactly the run's sessions, its identities are the
// ones the client side computes, and it can terminate the run's sessions and nothing else.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import mariadb, { type Connection as MariadbConnection, type ConnectionConfig as MariadbConfig } from 'mariadb';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionIdentity } from '../../src/live/witness/connectionIdentity.ts';
import { ensureCapacity } from '../../src/live/witness/ensureCapacity.ts';
import { MysqlWitness } from '../../src/live/witness/MysqlWitness.ts';
import { newRunId } from '../../src/live/witness/newRunId.ts';
import { pgTaggedConfig } from '../../src/live/witness/pgTaggedConfig.ts';
import { PostgresWitness } from '../../src/live/witness/PostgresWitness.ts';
import { SqliteWitness } from '../../src/live/witness/SqliteWitness.ts';
import { startSampler } from '../../src/live/witness/startSampler.ts';
import type { Witness, WitnessSample } from '../../src/live/witness/Witness.ts';
import { portAnswers } from './portAnswers.ts';

const PG_URL = 'postgres://postgres@127.0.0.1:5432/test';
const MY_URL = 'mysql://root@127.0.0.1:3306/test';


const [pgUp, myUp] = await Promise.all([portAnswers(5432), portAnswers(3306)]);
const named = (group: string, up: boolean, port: number) => (up ? group : `${group} (skipped: nothing answers at 127.0.0.1:${port})`);
if (!pgUp) console.warn(`${named('PostgreSQL witness tests', false, 5432)}; they run wherever PostgreSQL listens there (trust auth, user postgres, database test)`);
if (!myUp) console.warn(`${named('MySQL/MariaDB witness tests', false, 3306)}; they run wherever MariaDB or MySQL listens there (root without password, database test)`);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retries an assertion for up to 2 s: for what a server does shortly after a client lets go. */
async function eventually(assertion: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + 2000;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(5);
    }
  }
}

/** The counts a sampler saw, with consecutive repeats merged: [0, 1, 2, 1, 0]. */
function steps(samples: WitnessSample[]): number[] {
  return samples.map((s) => s.count).filter((n, i, all) => i === 0 || all[i - 1] !== n);
}

/** Samples back to back for `ms` and prints the rate: the figure the runner's interval is chosen by. */
async function measureRate(label: string, witness: Witness, ms: number): Promise<number> {
  const samples: WitnessSample[] = [];
  const sampler = startSampler(witness, { intervalMs: 0, onSample: (s) => samples.push(s) });
  await sleep(ms);
  await sampler.stop();
  const latencies = samples.map((s) => s.receivedAt - s.sentAt).sort((a, b) => a - b);
  const rate = Math.round((samples.length / ms) * 1000);
  const median = latencies[Math.floor(latencies.length / 2)] ?? NaN;
  console.log(`${label}: ${rate} samples/s back to back, median ${median.toFixed(3)} ms per sample (${samples.length} in ${ms} ms)`);
  return rate;
}

describe('witness input checks (no server needed)', () => {
  it('rejects a URL of the wrong kind without echoing it', async () => {
    await expect(PostgresWitness.open('mysql://root:sekrit@127.0.0.1/test', 'r1')).rejects.toMatchObject({
      code: 'POOLCHECK_USAGE',
      message: expect.not.stringContaining('sekrit'),
    });
    await expect(MysqlWitness.open('postgres://u:sekrit@127.0.0.1/test', 'r1')).rejects.toMatchObject({ code: 'POOLCHECK_USAGE' });
  });

  it('rejects a run id that could not be a tag', async () => {
    await expect(PostgresWitness.open(PG_URL, "x'; DROP TABLE t; --")).rejects.toMatchObject({ code: 'POOLCHECK_USAGE' });
  });

  it('names host and port, never the password, when the server does not answer', async () => {
    const pgError = await PostgresWitness.open('postgres://postgres:sekrit@127.0.0.1:1/test', newRunId()).catch((e: unknown) => e);
    expect(pgError).toMatchObject({ code: 'POOLCHECK_ENVIRONMENT', message: expect.stringContaining('PostgreSQL at 127.0.0.1:1') });
    expect(String((pgError as Error).message)).not.toContain('sekrit');
    const myError = await MysqlWitness.open('mysql://root:sekrit@127.0.0.1:1/test', newRunId()).catch((e: unknown) => e);
    expect(myError).toMatchObject({ code: 'POOLCHECK_ENVIRONMENT', message: expect.stringContaining('MySQL at 127.0.0.1:1') });
    expect(String((myError as Error).message)).not.toContain('sekrit');
  });
});

describe.skipIf(!pgUp)(named('PostgreSQL witness', pgUp, 5432), () => {
  const runId = newRunId();
  const otherRunId = newRunId();
  let witness: PostgresWitness;
  let other: PostgresWitness;
  const clients: pg.Client[] = [];

  async function client(config: pg.ClientConfig): Promise<pg.Client> {
    const c = new pg.Client(config);
    c.on('error', () => undefined); // a killed session reports here too; the tests look at queries
    await c.connect();
    clients.push(c);
    return c;
  }
  const tagged = () => client(pgTaggedConfig(PG_URL, runId));
  const untagged = () => client({ connectionString: PG_URL });
  const ids = async (w: Witness) => (await w.sessions()).map((s) => s.identity).sort();
  const end = (...cs: pg.Client[]) => Promise.all(cs.map((c) => c.end().catch(() => undefined)));

  beforeAll(async () => {
    witness = await PostgresWitness.open(PG_URL, runId);
    other = await PostgresWitness.open(PG_URL, otherRunId);
  });

  afterAll(async () => {
    await end(...clients);
    await witness?.close();
    await other?.close();
    // Nothing of either run is left on the server: pool sessions or the witnesses' own.
    const check = new pg.Client({ connectionString: PG_URL });
    await check.connect();
    const { rows } = await check.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name LIKE ANY($1)`, [
      [`%:${runId}`, `%:${otherRunId}`],
    ]);
    await check.end();
    expect(rows[0].n).toBe(0);
  });

  it('sees the run’s tagged sessions, with the identities the client side computes, and nothing else', async () => {
    const a = await tagged();
    const b = await tagged();
    // A URL that names an application_name of its own is still tagged.
    const c = await client(pgTaggedConfig(`${PG_URL}?application_name=someone-else`, runId));
    const u = await untagged();
    const mine = [await connectionIdentity(a), await connectionIdentity(b), await connectionIdentity(c)].sort();
    expect(mine[0]).toMatch(/^pg:\d+@\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(await connectionIdentity(a)).toContain(`pg:${(a as unknown as { processID: number }).processID}@`);
    expect(await ids(witness)).toEqual(mine);
    expect(await ids(witness)).not.toContain(await connectionIdentity(u));
    expect(await ids(other)).toEqual([]);
    const sessions = await witness.sessions();
    expect(sessions.every((s) => s.state === 'idle' && typeof s.since === 'number')).toBe(true);
    await end(a, b, c, u);
    await eventually(async () => expect(await ids(witness)).toEqual([]));
  });

  it('sees the sessions of a pg.Pool given the tagged config', async () => {
    const pool = new pg.Pool({ ...pgTaggedConfig(PG_URL, runId), max: 3 });
    const held = await Promise.all([pool.connect(), pool.connect()]);
    expect(await ids(witness)).toEqual((await Promise.all(held.map((c) => connectionIdentity(c)))).sort());
    for (const c of held) c.release();
    await pool.end();
    // pg-pool's end() resolves before the server has dropped every session.
    await eventually(async () => expect(await ids(witness)).toEqual([]));
  });

  it('kills a tagged session; the client sees the error', async () => {
    const a = await tagged();
    const keep = await tagged();
    const id = await connectionIdentity(a);
    expect(await witness.kill(id)).toBe(true);
    // Gone by the time kill() resolves, so the next sample does not count it.
    expect(await ids(witness)).toEqual([await connectionIdentity(keep)]);
    await expect(a.query('SELECT 1')).rejects.toThrow();
    expect((await keep.query('SELECT 1 AS one')).rows[0].one).toBe(1);
    expect(await witness.kill(id)).toBe(false); // already gone
    await end(a, keep);
  });

  it('does nothing to a session without this run’s tag, given its identity', async () => {
    const u = await untagged();
    const foreign = await client(pgTaggedConfig(PG_URL, otherRunId));
    const admin = await untagged();
    const { rows } = await admin.query(
      `SELECT 'pg:' || pid || '@' || to_char(backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS id
       FROM pg_stat_activity WHERE application_name = $1`,
      [`poolcheck-admin:${runId}`],
    );
    const ownAdmin = rows[0].id as string;
    for (const id of [await connectionIdentity(u), await connectionIdentity(foreign), ownAdmin, 'pg:1@2000-01-01T00:00:00.000000Z', 'nonsense']) {
      expect(await witness.kill(id), id).toBe(false);
    }
    expect((await u.query('SELECT 1 AS one')).rows[0].one).toBe(1);
    expect((await foreign.query('SELECT 1 AS one')).rows[0].one).toBe(1);
    expect((await witness.sample()).count).toBe(0); // the witness's own connection survived too
    await end(u, foreign, admin);
  });

  it('killAll leaves nothing of the run behind and nothing else touched', async () => {
    const tags = [await tagged(), await tagged(), await tagged()];
    const u = await untagged();
    expect(await witness.killAll()).toBe(3);
    expect(await witness.sessions()).toEqual([]);
    for (const c of tags) await expect(c.query('SELECT 1')).rejects.toThrow();
    expect((await u.query('SELECT 1 AS one')).rows[0].one).toBe(1);
    await end(...tags, u);
  });

  it('the sampler’s counts follow opens and closes; sampling rate', async () => {
    const samples: WitnessSample[] = [];
    const sampler = startSampler(witness, { intervalMs: 2, onSample: (s) => samples.push(s) });
    await sleep(20);
    const a = await tagged();
    await sleep(20);
    const b = await tagged();
    await sleep(20);
    await end(a);
    await sleep(20);
    await end(b);
    await sleep(20);
    await sampler.stop();
    expect(steps(samples)).toEqual([0, 1, 2, 1, 0]);
    expect(samples.every((s, i) => s.sentAt <= s.receivedAt && (i === 0 || samples[i - 1]!.receivedAt <= s.sentAt))).toBe(true);

    const open = await Promise.all(Array.from({ length: 10 }, () => tagged()));
    expect(await measureRate('PostgreSQL witness, 10 tagged sessions', witness, 500)).toBeGreaterThan(100);
    await end(...open);
  });

  it('reports the server’s limit and usage, and refuses a run that would not fit', async () => {
    const max = await witness.maxConnections();
    const used = await witness.usedConnections();
    expect(max).toBeGreaterThan(0);
    expect(used).toBeGreaterThanOrEqual(2); // the two witnesses' own connections
    await expect(ensureCapacity(witness, 1)).resolves.toBeUndefined();
    await expect(ensureCapacity(witness, max)).rejects.toMatchObject({
      code: 'POOLCHECK_ENVIRONMENT',
      message: expect.stringMatching(/PostgreSQL at 127\.0\.0\.1:5432 accepts \d+ connections and \d+ are open .*max_connections/),
    });
  });
});

describe.skipIf(!myUp)(named('MySQL/MariaDB witness', myUp, 3306), () => {
  const runId = newRunId();
  const otherRunId = newRunId();
  let witness: MysqlWitness;
  let other: MysqlWitness;
  let root: mysql.Connection;
  const closers: Array<() => Promise<unknown>> = [];

  async function mysql2(options: mysql.ConnectionOptions): Promise<mysql.Connection> {
    const c = await mysql.createConnection(options);
    c.on('error', () => undefined);
    closers.push(() => c.end().catch(() => undefined));
    return c;
  }
  async function mariadbConn(options: MariadbConfig): Promise<MariadbConnection> {
    const c = await mariadb.createConnection(options);
    c.on('error', () => undefined);
    closers.push(() => c.end().catch(() => undefined));
    return c;
  }
  const rootOptions = { host: '127.0.0.1', port: 3306, user: 'root', database: 'test' };
  const ids = async (w: Witness) => (await w.sessions()).map((s) => s.identity).sort();
  const alive = async (c: mysql.Connection) => ((await c.query('SELECT 1 AS one')) as [Array<{ one: number }>, unknown])[0][0]?.one === 1;

  beforeAll(async () => {
    witness = await MysqlWitness.open(MY_URL, runId);
    other = await MysqlWitness.open(MY_URL, otherRunId);
    root = await mysql.createConnection(rootOptions);
  });

  afterAll(async () => {
    for (const close of closers) await close();
    await witness?.close();
    await other?.close();
    // Both runs' users are dropped and none of their sessions is left.
    const users = [`poolcheck_${runId}`, `poolcheck_${otherRunId}`];
    const [[left]] = (await root.query('SELECT COUNT(*) AS n FROM mysql.user WHERE User IN (?)', [users])) as [Array<{ n: number }>, unknown];
    const [[sessions]] = (await root.query('SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE USER IN (?)', [users])) as [Array<{ n: number }>, unknown];
    await root.end();
    expect(Number(left?.n)).toBe(0);
    expect(Number(sessions?.n)).toBe(0);
  });

  it('keeps the run user’s password out of printed and serialised options', () => {
    expect(JSON.stringify(witness.poolOptions)).not.toContain(witness.poolOptions.password);
    expect(JSON.stringify(witness.poolOptions)).toContain('"password":"***"');
    expect(String(Object.keys(witness.poolOptions))).toContain('password'); // a spread still carries it
  });

  it('sees the run’s sessions from both drivers, with the identities the client side computes, and nothing else', async () => {
    const a = await mysql2(witness.poolOptions);
    const b = await mariadbConn(witness.poolOptions);
    const u = await mysql2(rootOptions);
    const mine = [await connectionIdentity(a), await connectionIdentity(b)].sort();
    expect(mine[0]).toMatch(/^my:\d+$/);
    // The client-side id is the server's CONNECTION_ID() for that session.
    const [[self]] = (await a.query('SELECT CONNECTION_ID() AS id')) as [Array<{ id: number }>, unknown];
    expect(await connectionIdentity(a)).toBe(`my:${self?.id}`);
    expect(await ids(witness)).toEqual(mine);
    expect(await ids(witness)).not.toContain(await connectionIdentity(u));
    expect(await ids(other)).toEqual([]);
    expect((await witness.sessions()).every((s) => s.state === 'Sleep' && typeof s.since === 'number')).toBe(true);
    await a.end();
    await b.end();
    // MariaDB drops a thread from its process list just after it closes the socket.
    await eventually(async () => expect(await ids(witness)).toEqual([]));
  });

  it('sees the sessions of mysql2 and mariadb pools given the pool options', async () => {
    const pool2 = mysql.createPool({ ...witness.poolOptions, connectionLimit: 2 });
    const poolM = mariadb.createPool({ ...witness.poolOptions, connectionLimit: 2, minimumIdle: 0 });
    const held2 = await Promise.all([pool2.getConnection(), pool2.getConnection()]);
    const heldM = await Promise.all([poolM.getConnection(), poolM.getConnection()]);
    const mine = [...held2.map((c) => `my:${c.threadId}`), ...heldM.map((c) => `my:${c.threadId}`)].sort();
    expect(await ids(witness)).toEqual(mine);
    for (const c of held2) c.release();
    await Promise.all(heldM.map((c) => c.release()));
    await Promise.all([pool2.end(), poolM.end()]);
    // A pool's end() does not wait for the server to drop the sessions.
    await eventually(async () => expect(await ids(witness)).toEqual([]));
  });

  it('kills a tagged session; the client sees the error', async () => {
    const a = await mysql2(witness.poolOptions);
    const b = await mariadbConn(witness.poolOptions);
    const keep = await mysql2(witness.poolOptions);
    expect(await witness.kill(await connectionIdentity(a))).toBe(true);
    expect(await witness.kill(await connectionIdentity(b))).toBe(true);
    expect(await ids(witness)).toEqual([await connectionIdentity(keep)]);
    await expect(a.query('SELECT 1')).rejects.toThrow();
    await expect(b.query('SELECT 1')).rejects.toThrow();
    expect(await alive(keep)).toBe(true);
    expect(await witness.kill(await connectionIdentity(a))).toBe(false); // already gone
    await keep.end();
  });

  it('does nothing to a session without this run’s tag, given its identity', async () => {
    const u = await mysql2(rootOptions);
    const foreign = await mysql2(other.poolOptions);
    for (const id of [await connectionIdentity(u), await connectionIdentity(foreign), `my:${root.threadId}`, 'my:1', 'nonsense']) {
      expect(await witness.kill(id), id).toBe(false);
    }
    expect(await alive(u)).toBe(true);
    expect(await alive(foreign)).toBe(true);
    expect((await witness.sample()).count).toBe(0); // the witness's own connections survived too
    // What makes this safe beyond the witness's own checks: a session of the run user may KILL
    // only its own user's sessions. Even a KILL sent straight to the server is refused.
    const runSession = await mysql2(witness.poolOptions);
    await expect(runSession.query(`KILL CONNECTION ${u.threadId}`)).rejects.toMatchObject({ errno: expect.any(Number) });
    expect(await alive(u)).toBe(true);
    await Promise.all([u.end(), foreign.end(), runSession.end()]);
  });

  it('killAll leaves nothing of the run behind and nothing else touched', async () => {
    const tags = [await mysql2(witness.poolOptions), await mysql2(witness.poolOptions)];
    const m = await mariadbConn(witness.poolOptions);
    const u = await mysql2(rootOptions);
    expect(await witness.killAll()).toBe(3);
    expect(await witness.sessions()).toEqual([]);
    for (const c of tags) await expect(c.query('SELECT 1')).rejects.toThrow();
    await expect(m.query('SELECT 1')).rejects.toThrow();
    expect(await alive(u)).toBe(true);
    await u.end();
  });

  it('the sampler’s counts follow opens and closes; sampling rate', async () => {
    const samples: WitnessSample[] = [];
    const sampler = startSampler(witness, { intervalMs: 2, onSample: (s) => samples.push(s) });
    await sleep(20);
    const a = await mysql2(witness.poolOptions);
    await sleep(20);
    const b = await mariadbConn(witness.poolOptions);
    await sleep(20);
    await a.end();
    await sleep(20);
    await b.end();
    await sleep(20);
    await sampler.stop();
    expect(steps(samples)).toEqual([0, 1, 2, 1, 0]);

    const open = await Promise.all(Array.from({ length: 10 }, () => mysql2(witness.poolOptions)));
    expect(await measureRate('MariaDB witness, 10 tagged sessions', witness, 500)).toBeGreaterThan(100);
    await Promise.all(open.map((c) => c.end()));
  });

  it('reports the server’s limit and usage, and refuses a run that would not fit', async () => {
    const max = await witness.maxConnections();
    expect(max).toBeGreaterThan(0);
    expect(await witness.usedConnections()).toBeGreaterThanOrEqual(5); // 2 per witness, root
    await expect(ensureCapacity(witness, max)).rejects.toMatchObject({ code: 'POOLCHECK_ENVIRONMENT' });
  });

  it('explains a URL user who may not create the run user, without printing its password', async () => {
    const { user, password } = witness.poolOptions;
    const error = await MysqlWitness.open(`mysql://${user}:${encodeURIComponent(password)}@127.0.0.1:3306/test`, newRunId()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'POOLCHECK_ENVIRONMENT', message: expect.stringContaining('needs CREATE USER') });
    expect((error as Error).message).not.toContain(password);
  });

  it('after close, the run user is gone, so nothing can log in with the pool options', async () => {
    const w = await MysqlWitness.open(MY_URL, newRunId());
    const c = await mysql2(w.poolOptions);
    expect(await w.close()).toBe(1); // the leftover session was killed
    await expect(c.query('SELECT 1')).rejects.toThrow();
    // 1045 or 1698: MariaDB answers an unknown user as if it had some random auth plugin.
    await expect(mysql.createConnection(w.poolOptions)).rejects.toThrow(/Access denied/);
  });
});

describe('SQLite witness (instrumented factory)', () => {
  // Made in beforeAll, not at collection: a filtered run would otherwise leave it behind.
  let dir = '';
  let witness: SqliteWitness;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'poolcheck-witness-'));
    witness = await SqliteWitness.open(newRunId(), { filename: join(dir, 'run.db') });
  });
  afterAll(async () => {
    await witness?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('accounts for every Database the factory opens, until it closes, and for nothing else', async () => {
    const [a, b, c] = [witness.connect(), witness.connect(), witness.connect()];
    const outsider = new Sqlite(join(dir, 'run.db'));
    const ids = [await connectionIdentity(a), await connectionIdentity(b), await connectionIdentity(c)];
    expect(ids).toEqual(['sqlite:1', 'sqlite:2', 'sqlite:3']);
    expect((await witness.sessions()).map((s) => s.identity)).toEqual(ids);
    expect((await witness.sample()).count).toBe(3);
    b.close(); // the pool closes one however it likes
    expect((await witness.sample()).count).toBe(2);
    expect(await witness.kill(ids[1]!)).toBe(false); // already closed
    expect(await witness.kill('sqlite:99')).toBe(false);
    expect(await witness.kill(ids[0]!)).toBe(true);
    expect(a.open).toBe(false);
    expect(() => a.prepare('SELECT 1')).toThrow(/not open/);
    expect(outsider.open).toBe(true);
    expect(await witness.killAll()).toBe(1);
    expect(c.open).toBe(false);
    expect(outsider.open).toBe(true);
    expect(await witness.sessions()).toEqual([]);
    expect(await witness.maxConnections()).toBe(Number.POSITIVE_INFINITY);
    outsider.close();
  });

  it('the sampler’s counts follow opens and closes; sampling rate', async () => {
    const samples: WitnessSample[] = [];
    const sampler = startSampler(witness, { intervalMs: 1, onSample: (s) => samples.push(s) });
    await sleep(10);
    const a = witness.connect();
    await sleep(10);
    const b = witness.connect();
    await sleep(10);
    a.close();
    await sleep(10);
    b.close();
    await sleep(10);
    await sampler.stop();
    expect(steps(samples)).toEqual([0, 1, 2, 1, 0]);
    const open = Array.from({ length: 10 }, () => witness.connect());
    await measureRate('SQLite witness, 10 open connections', witness, 200);
    for (const db of open) db.close();
  });

  it('a sampler whose witness fails stops and reports the error', async () => {
    let calls = 0;
    const failing = {
      sample: () => (++calls === 3 ? Promise.reject(new Error('server gone')) : Promise.resolve({ count: 0, sentAt: 0, receivedAt: 0 })),
    };
    const sampler = startSampler(failing, { intervalMs: 1, onSample: () => undefined });
    await sleep(20);
    await expect(sampler.stop()).rejects.toThrow('server gone');
    expect(calls).toBe(3);
  });
});
