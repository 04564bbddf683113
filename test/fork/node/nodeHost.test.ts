// The Node host (src/fork/node/nodeHost.ts) spoken to as poolcheck speaks to any process adapter,
// through ProcessChannel, against the machine's PostgreSQL: it greets with the hosted adapter's
// descriptor; each lease names a session of its own that the server lists under the run's tag;
// `session` asks the server again; the pool's own errors come back classified (a timeout by
// pg-pool's classifyError, a failed connect as `connect`); what the host cannot do at all is
// `poolcheck.protocol`; `fork` starts a child that builds the pool anew, announces itself on a
// Unix socket, lends sessions of its own there and leaves at `bye`. Nothing is left afterwards:
// no process, no session, no socket file. Skipped, with the reason, without PostgreSQL.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import pgPoolAdapter from '../../../adapters/pg-pool/index.ts';
import { ConnectError } from '../../../src/adapter/Backend.ts';
import { nodeHostManifest } from '../../../src/fork/node/nodeHostManifest.ts';
import { pgBackendStartSql } from '../../../src/live/witness/pgBackendStartSql.ts';
import { ProcessAdapterError } from '../../../src/process/ProcessAdapterError.ts';
import { ProcessChannel } from '../../../src/process/ProcessChannel.ts';
import { ProcessChannelError } from '../../../src/process/ProcessChannelError.ts';
import type { Session } from '../../../src/process/protocol.ts';
import { validateGreeting } from '../../../src/process/validateGreeting.ts';
import { portAnswers } from '../../live/portAnswers.ts';
import { gone, rejection } from '../../process/fakeAdapters.ts';
import { ChildListener } from './ChildListener.ts';

const PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const skip = (await portAnswers(5432)) ? null : 'nothing answers on 127.0.0.1:5432 (PostgreSQL, user postgres, trust auth)';
if (skip) console.warn(`Node host tests skipped: ${skip}`);

const DEADLINE = { deadlineMs: 10_000 };
const CONFIG = { size: 2, maxOverflow: 0, acquireTimeoutMs: 5_000, idleTimeoutMs: null, min: 0 };
const id = (session: Session): string => `${session.pid}@${session.start}`;

describe('nodeHostManifest', () => {
  it('starts this node with tsx on nodeHost.ts from the repository root, a built-in name as it is, a module path made absolute', () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const host = join(root, 'src/fork/node/nodeHost.ts');
    expect(nodeHostManifest('pg-pool')).toEqual({ command: process.execPath, args: ['--import', 'tsx', host, 'pg-pool'], cwd: root, env: {} });
    expect(nodeHostManifest('adapters/tarn/index.ts').args.at(-1)).toBe(resolve('adapters/tarn/index.ts'));
    expect(nodeHostManifest('./my-pool.ts').args.at(-1)).toBe(resolve('my-pool.ts'));
  });
});

describe.skipIf(skip !== null)(`the Node host, through poolcheck's channel, on the machine's PostgreSQL${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let admin: pg.Client;
  let tests = 0;
  let tag: string;
  let channel: ProcessChannel | undefined;
  let listener: ChildListener | undefined;
  /** Every process a test saw: hosts and their children. */
  const pids: number[] = [];

  /** The run's URL, tagged as poolcheck tags it: its sessions are told from any other by it. */
  const database = () => ({ kind: 'postgres' as const, url: `postgresql://postgres@127.0.0.1:5432/postgres?application_name=${encodeURIComponent(tag)}` });
  /** The sessions the server lists under the tag, as `pid@start`. */
  const sessions = async (): Promise<string[]> =>
    (await admin.query<{ s: string }>(`select pid || '@' || ${pgBackendStartSql} as s from pg_stat_activity where application_name = $1`, [tag])).rows.map((r) => r.s);

  async function host(spec: string): Promise<ProcessChannel> {
    channel = await ProcessChannel.open(`node host ${spec}`, nodeHostManifest(spec));
    pids.push(channel.pid);
    return channel;
  }

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
  });

  afterAll(async () => {
    await admin?.end();
  });

  beforeEach(() => {
    tag = `poolcheck:nodehost${process.pid}t${++tests}`;
  });

  afterEach(async () => {
    await channel?.close();
    channel = undefined;
    await listener?.close();
    listener = undefined;
    for (const pid of pids.splice(0)) expect(await gone(pid, 5_000), `process ${pid} is still running`).toBe(true);
    // The server needs a moment to see the sockets of a process that died closed.
    await expect.poll(sessions, { timeout: 5_000, interval: 100 }).toEqual([]);
  });

  it("greets with the hosted adapter's descriptor, live on PostgreSQL, on the native Promise only, as poolcheck checks a greeting", async () => {
    const ch = await host('pg-pool');
    const greeting = validateGreeting('node host pg-pool', await ch.request('hello', { protocol: 1 }, DEADLINE));
    const { promiseLibrary, ...capabilities } = pgPoolAdapter.capabilities;
    expect(promiseLibrary).toBe(true);
    expect(greeting.capabilities).toEqual(capabilities);
    expect(greeting).toMatchObject({
      protocol: 1,
      name: pgPoolAdapter.name,
      pool: pgPoolAdapter.pool,
      claims: pgPoolAdapter.claims,
      runsOn: { model: false, live: 'postgres' },
      notes: expect.stringContaining('Node host'),
    });
  });

  describe.each(['pg-pool', 'generic-pool'])('hosting %s', (spec) => {
    it('lends each borrower a session the server lists, reads it again on `session`, and leaves none after release, destroy and close', async () => {
      const ch = await host(spec);
      await ch.request('hello', { protocol: 1 }, DEADLINE);
      const { pool } = await ch.request('create', { config: CONFIG, database: database() }, DEADLINE);
      const [a, b] = await Promise.all([ch.request('acquire', { pool, task: 't1' }, DEADLINE), ch.request('acquire', { pool, task: 't2' }, DEADLINE)]);
      expect(a.lease).not.toBe(b.lease);
      expect(id(a.session)).not.toBe(id(b.session));
      expect(await sessions()).toEqual(expect.arrayContaining([id(a.session), id(b.session)]));
      // The server's answer now, over the lease's connection: the same session.
      expect((await ch.request('session', { lease: a.lease }, DEADLINE)).session).toEqual(a.session);
      expect((await ch.request('session', { lease: b.lease }, DEADLINE)).session).toEqual(b.session);
      await ch.request('use', { lease: a.lease, sql: 'select 1' }, DEADLINE);
      await ch.request('release', { pool, lease: a.lease }, DEADLINE);
      await ch.request('destroy', { pool, lease: b.lease }, DEADLINE);
      await expect.poll(sessions, { timeout: 5_000, interval: 100 }).not.toContain(id(b.session));
      // Both declare the one-query helper.
      await ch.request('query', { pool, sql: 'select 1' }, DEADLINE);
      await ch.request('close', { pool }, DEADLINE);
      await expect.poll(sessions, { timeout: 5_000, interval: 100 }).toEqual([]);
    });

    it('forks a child that builds the pool anew under the same handle, lends sessions of its own on the socket, and leaves at `bye`', async () => {
      const ch = await host(spec);
      listener = await ChildListener.listen();
      await ch.request('hello', { protocol: 1 }, DEADLINE);
      const { pool } = await ch.request('create', { config: CONFIG, database: database() }, DEADLINE);
      const parent = await ch.request('acquire', { pool, task: 't1' }, DEADLINE);
      const { pid } = await ch.request('fork', { child: 'w1', address: listener.address }, DEADLINE);
      pids.push(pid);
      const child = await listener.accept();
      expect(await child.announcement).toEqual({ event: 'child', child: 'w1', pid });
      const lent = await child.request('acquire', { pool, task: 't2' });
      expect(lent).toMatchObject({ id: 1, ok: { lease: expect.any(String), session: { pid: expect.any(Number) } } });
      if (!('ok' in lent)) return;
      const session = lent.ok.session as Session;
      expect(lent.ok.lease).not.toBe(parent.lease);
      expect(id(session)).not.toBe(id(parent.session));
      expect(await sessions()).toEqual(expect.arrayContaining([id(parent.session), id(session)]));
      // Both processes answer at once, each over its own session.
      const [inParent, inChild] = await Promise.all([ch.request('session', { lease: parent.lease }, DEADLINE), child.request('session', { lease: lent.ok.lease })]);
      expect(inParent.session).toEqual(parent.session);
      expect(inChild).toEqual({ id: 2, ok: { session } });
      expect(await child.request('bye')).toEqual({ id: 3, ok: {} });
      await child.ended();
      expect(await gone(pid, 5_000), `child ${pid} is still running after bye`).toBe(true);
      // The child's session ended with it; the parent's lease is still its own.
      await expect.poll(sessions, { timeout: 5_000, interval: 100 }).toEqual([id(parent.session)]);
      await ch.request('release', { pool, lease: parent.lease }, DEADLINE);
      await ch.request('close', { pool }, DEADLINE);
    });
  });

  // Started by hand, out of a process group of its own: poolcheck's group kill, which would end
  // the child whatever the host did, is not there to help.
  it.each(['bye', 'SIGKILL'])('leaves no child running once the host is gone (%s)', async (end) => {
    listener = await ChildListener.listen();
    const { command, args, cwd } = nodeHostManifest('pg-pool');
    const parent = spawn(command, [...args], { cwd, stdio: ['pipe', 'pipe', 'inherit'] });
    pids.push(parent.pid!);
    const replies = createInterface({ input: parent.stdout });
    const send = (request: object) => parent.stdin.write(`${JSON.stringify(request)}\n`);
    send({ id: 1, op: 'create', config: CONFIG, database: database() });
    send({ id: 2, op: 'fork', child: 'w1', address: listener.address });
    for await (const line of replies) if ((JSON.parse(line) as { id: number }).id === 2) break;
    const { pid } = (await (await listener.accept()).announcement) as { pid: number };
    pids.push(pid);
    const exited = once(parent, 'exit');
    if (end === 'bye') send({ id: 3, op: 'bye' });
    else parent.kill('SIGKILL');
    await exited;
    expect(await gone(pid, 5_000), `child ${pid} outlived its host`).toBe(true);
  });

  it("classifies the pool's errors: pg-pool's timeout by its classifyError, a failed connect as `connect` with the driver's message", async () => {
    const ch = await host('pg-pool');
    const { pool } = await ch.request('create', { config: { ...CONFIG, size: 1, acquireTimeoutMs: 200 }, database: database() }, DEADLINE);
    const held = await ch.request('acquire', { pool, task: 't1' }, DEADLINE);
    const timedOut = await rejection(ch.request('acquire', { pool, task: 't2' }, DEADLINE));
    expect(timedOut).toBeInstanceOf(ProcessAdapterError);
    expect(timedOut).toMatchObject({ errorClass: 'timeout', message: 'timeout exceeded when trying to connect' });
    await ch.request('release', { pool, lease: held.lease }, DEADLINE);
    await ch.request('close', { pool }, DEADLINE);
    // Nothing listens on port 1: the driver's own refusal reaches the borrower, as a connect error.
    const nowhere = await ch.request('create', { config: CONFIG, database: { kind: 'postgres', url: 'postgresql://postgres@127.0.0.1:1/postgres' } }, DEADLINE);
    const refused = await rejection(ch.request('acquire', { pool: nowhere.pool, task: 't3' }, DEADLINE));
    expect(refused).toBeInstanceOf(ProcessAdapterError);
    expect(refused).toMatchObject({ errorClass: 'other', name: 'ConnectError', message: expect.stringContaining('ECONNREFUSED') });
    expect(refused.cause).toBeInstanceOf(ConnectError);
  });

  it.each([
    { what: 'an unknown op', op: 'frobnicate', args: {}, message: /unknown op `frobnicate`/ },
    { what: 'a handle it never made', op: 'acquire', args: { pool: 'p99', task: 't1' }, message: /no pool has the handle "p99"/ },
    { what: 'a missing field', op: 'use', args: { lease: 'l1' }, message: /`use` needs `sql`/ },
  ])('refuses $what as `poolcheck.protocol`, which poolcheck takes for a fault', async ({ op, args, message }) => {
    const ch = await host('pg-pool');
    const refused = await rejection(ch.request(op as 'hello', args as never, DEADLINE));
    expect(refused).toBeInstanceOf(ProcessChannelError);
    expect(refused).toMatchObject({ fault: 'refused', message: expect.stringMatching(message) });
  });
});
