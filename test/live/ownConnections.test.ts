// Pools that open their own connections from an address (process adapters, postgres.js): the
// backend hands out a URL through a proxy of its own and learns everything from the wire. These
// tests drive it with plain pg clients, as a pool's driver would, against the machine's
// PostgreSQL: a connect is numbered at the proxy's accept, named by the login's pid, closed by
// the client's Terminate, killed through the witness, and failed as scripted.
import net from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { History } from '../../src/history/History.ts';
import { FaultProxy, type ConnectionWatch } from '../../src/live/faultProxy.ts';
import { LivePgOwnBackend } from '../../src/live/postgres/LivePgOwnBackend.ts';
import { PgTerminateWatcher } from '../../src/live/postgres/PgTerminateWatcher.ts';
import { RealClock } from '../../src/live/RealClock.ts';
import { newRunId } from '../../src/live/witness/newRunId.ts';
import { PostgresWitness } from '../../src/live/witness/PostgresWitness.ts';
import type { ConnectStep } from '../../src/workload/ConnectStep.ts';
import { portAnswers } from './portAnswers.ts';
import { LOCAL_PG } from './localPg.ts';

const localPg = await portAnswers(5432);
const LOCAL = LOCAL_PG;

const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
const message = (type: string, body = Buffer.alloc(0)) => Buffer.concat([Buffer.from(type), int32(4 + body.length), body]);

describe('PgTerminateWatcher', () => {
  const watcher = (seen: string[]) => new PgTerminateWatcher({ terminated: () => seen.push('terminated'), identified: () => seen.push('identified') });

  it('hears Terminate after any number of other messages, however the bytes are cut', () => {
    const bytes = Buffer.concat([message('Q', Buffer.from('select 1\0')), message('S'), message('X')]);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const seen: string[] = [];
      const w = watcher(seen);
      w.client(bytes.subarray(0, cut));
      w.client(bytes.subarray(cut));
      expect(seen, `cut at ${cut}`).toEqual(['terminated']);
    }
  });

  it('hears the identity read answered: the server\'s ReadyForQuery after a query of pg_backend_pid(), not after any other', () => {
    const seen: string[] = [];
    const w = watcher(seen);
    w.client(message('Q', Buffer.from('BEGIN\0')));
    w.server(Buffer.concat([message('C', Buffer.from('BEGIN\0')), message('Z', Buffer.from('T'))]));
    expect(seen).toEqual([]);
    w.client(message('P', Buffer.from('\0select pid from pg_stat_activity where pid = pg_backend_pid()\0\0\0')));
    const answer = Buffer.concat([message('1'), message('D', Buffer.from('xyz')), message('Z', Buffer.from('T'))]);
    w.server(answer.subarray(0, 7));
    expect(seen).toEqual([]);
    w.server(answer.subarray(7));
    expect(seen).toEqual(['identified']);
  });

  it('hears nothing from queries alone, nor after a length that makes no sense', () => {
    const seen: string[] = [];
    watcher(seen).client(message('Q', Buffer.from('select 1\0')));
    watcher(seen).client(Buffer.concat([Buffer.from('Q'), int32(2), message('X')]));
    expect(seen).toEqual([]);
  });
});

describe('the fault proxy watch', () => {
  it('sees both directions and names the side that ended first', async () => {
    const server = net.createServer((socket) => {
      socket.on('data', (chunk) => {
        socket.write(chunk);
        if (chunk.toString() === 'bye') socket.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    const seen: string[] = [];
    const watch = (): ConnectionWatch => ({
      client: (chunk) => seen.push(`client ${chunk.toString()}`),
      server: (chunk) => seen.push(`server ${chunk.toString()}`),
      ended: (by) => seen.push(`ended by ${by}`),
    });
    const proxy = await FaultProxy.start({ target: { host: '127.0.0.1', port }, watch });
    try {
      const talk = async (last: string, endFirst: boolean) => {
        const socket = net.connect(proxy.port, '127.0.0.1');
        socket.on('error', () => {});
        await new Promise((resolve) => socket.once('connect', resolve));
        socket.write(last);
        await new Promise((resolve) => socket.once('data', resolve));
        if (endFirst) socket.end();
        await new Promise((resolve) => socket.once('close', resolve));
        socket.destroy();
      };
      await talk('hi', true);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(seen).toEqual(['client hi', 'server hi', 'ended by client']);
      seen.length = 0;
      await talk('bye', false);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(seen).toEqual(['client bye', 'server bye', 'ended by server']);
    } finally {
      await proxy.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('the fault proxy closing', () => {
  it('closes a connection cut while the server\'s end is being passed on (no RST after FIN: Node would never emit its close)', async () => {
    const server = net.createServer((socket) => {
      socket.on('error', () => {});
      socket.end('bye');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    let closing: Promise<string> | undefined;
    let proxy: FaultProxy | undefined = undefined;
    // Closed in the turn the server's FIN is passed to the client: the client side is shutting down.
    const watch = (): ConnectionWatch => ({ ended: () => process.nextTick(() => (closing = proxy!.close().then(() => 'closed'))) });
    proxy = await FaultProxy.start({ target: { host: '127.0.0.1', port }, watch });
    // A client that keeps its side open after the server's FIN, as an idle pooled connection does.
    const socket = net.connect({ port: proxy.port, host: '127.0.0.1', allowHalfOpen: true });
    try {
      socket.on('error', () => {});
      socket.resume();
      await new Promise((resolve) => socket.once('end', resolve));
      await new Promise((resolve) => setTimeout(resolve, 50));
      const late = new Promise((resolve) => setTimeout(() => resolve('still open after 2 s'), 2_000).unref());
      expect(await Promise.race([closing, late])).toBe('closed');
    } finally {
      socket.destroy();
      server.close();
    }
  });
});

describe.skipIf(!localPg)('the backend of pools that open their own connections (machine PostgreSQL)', () => {
  let witness: PostgresWitness;
  let runId: string;
  beforeAll(async () => {
    runId = newRunId();
    witness = await PostgresWitness.open(LOCAL.url, runId);
  });
  afterAll(async () => {
    await witness?.close();
  });

  async function backend(connects: ConnectStep[] = []) {
    const clock = new RealClock(1);
    const history = new History(() => Math.round(clock.now * 10) / 10);
    const own = await LivePgOwnBackend.open(LOCAL, runId, witness, clock, history, { connects, defaultConnectMs: 0 }, 100);
    return { own, history, clock };
  }
  /** A client of the pool's own, as a driver given the URL makes it. */
  async function client(url: string): Promise<{ client: pg.Client; pid: number; start: string }> {
    const c = new pg.Client({ connectionString: url });
    c.on('error', () => {});
    await c.connect();
    const { rows } = await c.query<{ pid: number; start: string }>(
      `select pid, to_char(backend_start at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as start from pg_stat_activity where pid = pg_backend_pid()`,
    );
    return { client: c, ...rows[0]! };
  }
  const kinds = (history: History) => history.events.filter((e) => e.task === 'server').map((e) => `${e.kind} ${e.phase} ${e.conn ?? ''}`.trim());

  it('hands out a tagged URL in the clear through its own proxy, and numbers connects in accept order', async () => {
    const { own, history, clock } = await backend();
    try {
      const url = new URL(own.drivers.database.url);
      expect(url.port).not.toBe('5432');
      expect(url.searchParams.get('application_name')).toBe(`poolcheck:${runId}`);
      expect(url.searchParams.get('sslmode')).toBe('disable');
      const first = await client(own.drivers.database.url);
      const second = await client(own.drivers.database.url);
      const c1 = await own.drivers.database.connection({ pid: first.pid, start: first.start });
      const c2 = await own.drivers.database.connection({ pid: second.pid, start: second.start });
      expect([c1.id, c2.id]).toEqual(['c1', 'c2']);
      expect((await own.serverSessions()).sort()).toEqual(['c1', 'c2']);
      await first.client.end();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(c1.open).toBe(false);
      expect(own.openIds()).toEqual(['c2']);
      expect(kinds(history)).toEqual(['connect invoke c1', 'connect ok c1', 'connect invoke c2', 'connect ok c2', 'disconnect info c1']);
      await second.client.end();
    } finally {
      clock.dispose();
      await own.dispose();
    }
  });

  it('records a kill through the witness as the server\'s, not as the pool closing it', async () => {
    const { own, history, clock } = await backend();
    try {
      const held = await client(own.drivers.database.url);
      own.kill(1);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const events = kinds(history);
      expect(events).toContain('kill info c1');
      expect(events).not.toContain('disconnect info c1');
      expect(own.openIds()).toEqual([]);
      await held.client.end().catch(() => {});
    } finally {
      clock.dispose();
      await own.dispose();
    }
  });

  it('fails a scripted connect at the proxy, and refuses a session it never saw', async () => {
    const { own, history, clock } = await backend([{ outcome: 'fail', ms: 0 }]);
    try {
      await expect(client(own.drivers.database.url)).rejects.toThrow();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(history.events.find((e) => e.kind === 'connect' && e.phase === 'fail')).toMatchObject({ conn: 'c1', error: { class: 'connect' } });
      await expect(own.drivers.database.connection({ pid: 1, start: '2000-01-01T00:00:00.000000Z' })).rejects.toThrow(/never saw this workload open/);
    } finally {
      clock.dispose();
      await own.dispose();
    }
  });

  it('leaves nothing open: dispose cuts what the pool still holds and refuses later connects', async () => {
    const { own, clock } = await backend();
    const url = own.drivers.database.url;
    const held = await client(url);
    clock.dispose();
    await own.dispose();
    await expect(held.client.query('select 1')).rejects.toThrow();
    await expect(client(url)).rejects.toThrow();
    await witness.killAll();
    expect(await witness.sessions()).toEqual([]);
  });
});
