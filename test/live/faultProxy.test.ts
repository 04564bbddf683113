// The fault proxy, first against an echo server started here (its mode, then per-connection
// decisions), then against the machine's
// PostgreSQL with the real `pg` client (skipped, with the reason in its name, when
// 127.0.0.1:5432 does not answer). Every wait is on an event, bounded by an explicit timeout.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FaultProxy, type Decide, type FaultModeInput } from '../../src/live/faultProxy.ts';
import { DecideByClientPort } from '../../src/live/proxy/decideByClientPort.ts';
import { VirtualClock } from '../../src/model/VirtualClock.ts';

const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;
const realNow = performance.now.bind(performance);

/** `promise`, or a rejection naming `what` after `ms`. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = realSetTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    realClearTimeout(timer);
  }
}

/** A raw TCP client that records what it receives and how it ends. */
class Client {
  readonly socket: net.Socket;
  data = '';
  error: NodeJS.ErrnoException | null = null;
  ended = false;
  readonly connected: Promise<void>;
  readonly closed: Promise<void>;
  private readonly waiters: Array<() => void> = [];

  constructor(port: number) {
    this.socket = net.connect({ host: '127.0.0.1', port, allowHalfOpen: true });
    this.socket.setEncoding('latin1');
    this.socket.on('data', (chunk: string) => {
      this.data += chunk;
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.socket.on('end', () => (this.ended = true));
    this.socket.on('error', (error) => (this.error = error));
    this.connected = new Promise((resolve, reject) => {
      this.socket.once('connect', resolve);
      this.socket.once('error', reject);
    });
    this.connected.catch(() => undefined);
    this.closed = new Promise((resolve) => this.socket.once('close', () => resolve()));
  }

  /** Resolves once `n` characters have arrived. */
  async received(n: number, ms = 2000): Promise<string> {
    const arrived = (async () => {
      while (this.data.length < n) await new Promise<void>((wake) => this.waiters.push(wake));
      return this.data;
    })();
    return within(arrived, ms, `receiving ${n} characters (got ${this.data.length})`);
  }

  async outcome(ms = 2000): Promise<{ data: string; error: string | null; ended: boolean }> {
    await within(this.closed, ms, 'the client socket closing');
    return { data: this.data, error: this.error?.code ?? null, ended: this.ended };
  }
}

/** An echo server on loopback, counting what it accepted. */
async function startEcho(): Promise<{ port: number; accepted: number; sockets: Set<net.Socket>; close(): Promise<void> }> {
  const echo = { port: 0, accepted: 0, sockets: new Set<net.Socket>(), close: async () => {} };
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    echo.accepted++;
    echo.sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => echo.sockets.delete(socket));
    socket.pipe(socket);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  echo.port = (server.address() as net.AddressInfo).port;
  echo.close = async () => {
    for (const socket of echo.sockets) socket.destroy();
    server.close();
    await once(server, 'close');
  };
  return echo;
}

/** Resolves once every connection the proxy has now is fully closed on its side. */
async function settled(proxy: FaultProxy): Promise<void> {
  await within(Promise.all(proxy.connections().map((c) => proxy.connectionClosed(c.id))), 2000, 'the proxy connections closing');
}

/** A socket's 'close' (events.once would reject on the 'error' a reset brings first). */
function closeOf(socket: net.Socket): Promise<void> {
  return socket.closed ? Promise.resolve() : new Promise((resolve) => socket.once('close', () => resolve()));
}

/** Resolves once every socket in `sockets` has closed. */
async function allClosed(sockets: Set<net.Socket>, what: string): Promise<void> {
  await within(Promise.all([...sockets].map((s) => closeOf(s))), 2000, what);
}


describe('against an echo server', () => {
  let echo: Awaited<ReturnType<typeof startEcho>>;
  let proxy: FaultProxy;
  const clients: Client[] = [];
  const dial = async (expectConnect = true): Promise<Client> => {
    const client = new Client(proxy.port);
    clients.push(client);
    if (expectConnect) await within(client.connected, 2000, 'connecting to the proxy');
    return client;
  };

  beforeAll(async () => {
    echo = await startEcho();
  });
  afterAll(() => echo.close());
  beforeEach(async () => {
    echo.accepted = 0;
    proxy = await FaultProxy.start({ target: { host: '127.0.0.1', port: echo.port } });
  });
  afterEach(async () => {
    await within(proxy.close(), 2000, 'closing the proxy');
    const sockets = new Set(clients.splice(0).map((client) => client.socket.destroy()));
    await allClosed(sockets, 'the test clients closing');
    await allClosed(echo.sockets, 'the echo server sockets closing');
  });
  /** The echo server's side of a proxied connection, found by the proxy's upstream port. */
  const echoSideOf = (upstreamPort: number | null): net.Socket => {
    const socket = [...echo.sockets].find((s) => s.remotePort === upstreamPort);
    if (!socket) throw new Error(`no echo socket from port ${upstreamPort}`);
    return socket;
  };

  test('listens on 127.0.0.1 only, on an ephemeral port', () => {
    expect(proxy.host).toBe('127.0.0.1');
    expect(proxy.port).toBeGreaterThan(1023);
    expect(proxy.port).not.toBe(echo.port);
  });

  test('passes data both ways, 2 MiB with backpressure, and passes on a half-close', async () => {
    const client = await dial();
    client.socket.write('hello');
    expect(await client.received(5)).toBe('hello');
    const big = 'x'.repeat(2 * 1024 * 1024);
    client.socket.end(big);
    const outcome = await client.outcome(5000);
    expect(outcome).toEqual({ data: 'hello' + big, error: null, ended: true });
    expect(proxy.stats()).toMatchObject({ accepted: 1, forwarded: 1, refused: 0, cut: 0, live: 0 });
  });

  test('lists live connections with an id, a start time and both ports for correlation', async () => {
    const before = Date.now();
    const client = await dial();
    client.socket.write('a');
    await client.received(1);
    const [info] = proxy.connections();
    const echoSide = echoSideOf(info!.upstreamPort);
    expect(info).toEqual({
      id: 1,
      startedAt: expect.any(Number),
      state: 'open',
      acceptedIn: 'pass',
      clientPort: client.socket.localPort,
      upstreamPort: echoSide.remotePort,
    });
    expect(info!.startedAt).toBeGreaterThanOrEqual(before);
    expect(info!.startedAt).toBeLessThanOrEqual(Date.now());
  });

  test('refuse (reset): accepted, then RST; nothing reaches the server', async () => {
    await proxy.setMode('refuse');
    const client = await dial(false);
    client.socket.write('hello');
    expect(await client.outcome()).toMatchObject({ data: '', error: 'ECONNRESET' });
    expect(echo.accepted).toBe(0);
    expect(proxy.stats()).toMatchObject({ accepted: 1, refused: 1, forwarded: 0 });
  });

  test('refuse (fin): accepted, then end-of-stream without an error', async () => {
    await proxy.setMode({ kind: 'refuse', via: 'fin' });
    const client = await dial();
    client.socket.once('end', () => client.socket.end()); // as pg does; a client that never ends its side is reset after a grace second
    expect(await client.outcome()).toEqual({ data: '', error: null, ended: true });
    await settled(proxy);
    expect(echo.accepted).toBe(0);
    expect(proxy.stats()).toMatchObject({ accepted: 1, refused: 1 });
  });

  test('refuse (listener): a true ECONNREFUSED, and the same port answers again after', async () => {
    const port = proxy.port;
    await proxy.setMode({ kind: 'refuse', via: 'listener' });
    const refused = await dial(false);
    await expect(refused.connected).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await proxy.setMode('pass');
    expect(proxy.port).toBe(port);
    const client = await dial();
    client.socket.write('back');
    expect(await client.received(4)).toBe('back');
    expect(proxy.stats()).toMatchObject({ accepted: 1, refused: 0, forwarded: 1 });
  });

  test('stall: nothing is connected or sent until the window ends, then the connection goes through late', async () => {
    const started = realNow();
    let windowEndedAt = -1;
    const window = proxy.faultWindow('stall', 300).then((end) => ((windowEndedAt = realNow()), end));
    const client = await dial();
    client.socket.write('late');
    expect(proxy.connections()).toMatchObject([{ state: 'stalled', upstreamPort: null }]);
    expect(await client.received(4)).toBe('late');
    const arrivedAt = realNow();
    expect(await window).toBe('elapsed');
    expect(windowEndedAt).toBeGreaterThan(0); // the window settled before the data could arrive
    expect(arrivedAt - started).toBeGreaterThanOrEqual(295);
    expect(echo.accepted).toBe(1);
    expect(proxy.stats()).toMatchObject({ accepted: 1, stalled: 1, forwarded: 1 });
  });

  test('stall with release "drop": reset when the window ends, the server never sees it', async () => {
    const window = proxy.faultWindow({ kind: 'stall', release: 'drop' }, 200);
    const client = await dial();
    const outcome = await client.outcome();
    expect(await window).toBe('elapsed');
    await settled(proxy);
    expect(outcome).toMatchObject({ data: '', error: 'ECONNRESET' });
    expect(echo.accepted).toBe(0);
    expect(proxy.stats()).toMatchObject({ stalled: 1, dropped: 1, forwarded: 0, live: 0 });
  });

  test('fail-after: the connection works, then both sides are cut ms after accept', async () => {
    await proxy.setMode({ kind: 'fail-after', ms: 200 });
    const accepted = realNow();
    const client = await dial();
    await proxy.setMode('pass'); // its fate was fixed when it was accepted
    client.socket.write('ok');
    expect(await client.received(2)).toBe('ok');
    const echoSide = echoSideOf(proxy.connections()[0]!.upstreamPort);
    const outcome = await client.outcome();
    expect(realNow() - accepted).toBeGreaterThanOrEqual(195);
    expect(outcome).toMatchObject({ data: 'ok', error: 'ECONNRESET' });
    await within(closeOf(echoSide), 2000, 'the server side closing');
    await settled(proxy);
    expect(proxy.stats()).toMatchObject({ forwarded: 1, cut: 1, live: 0 });
  });

  test('cut(id) resets one connection on both sides, cut() all the others', async () => {
    const [a, b, c] = [await dial(), await dial(), await dial()];
    for (const client of [a, b, c]) client.socket.write('.');
    await Promise.all([a.received(1), b.received(1), c.received(1)]);
    const [first] = proxy.connections();
    expect(proxy.cut(first!.id)).toBe(1);
    expect(await a.outcome()).toMatchObject({ error: 'ECONNRESET' });
    await proxy.connectionClosed(first!.id);
    b.socket.write('still');
    expect(await b.received(6)).toBe('.still');
    expect(proxy.cut(first!.id)).toBe(0); // gone already
    expect(proxy.cut()).toBe(2);
    expect((await b.outcome()).error).toBe('ECONNRESET');
    expect((await c.outcome()).error).toBe('ECONNRESET');
    await settled(proxy);
    await allClosed(echo.sockets, 'the server sides closing');
    expect(proxy.stats()).toMatchObject({ accepted: 3, forwarded: 3, cut: 3, live: 0 });
  });

  test('a window switches back to pass; a new mode supersedes it; close ends it', async () => {
    const window = proxy.faultWindow('refuse', 150);
    expect(proxy.mode).toEqual({ kind: 'refuse', via: 'reset' });
    const refused = await dial(false);
    expect((await refused.outcome()).error).toBe('ECONNRESET');
    expect(await window).toBe('elapsed');
    expect(proxy.mode).toEqual({ kind: 'pass' });
    const passed = await dial();
    passed.socket.write('p');
    expect(await passed.received(1)).toBe('p');

    const superseded = proxy.faultWindow('stall', 60_000);
    await proxy.setMode({ kind: 'fail-after', ms: 1000 });
    expect(await superseded).toBe('superseded');
    const closed = proxy.faultWindow('refuse', 60_000);
    await proxy.close();
    expect(await closed).toBe('closed');
  });

  test('a listener-refusal window refuses, then listens again on the same port', async () => {
    const window = proxy.faultWindow({ kind: 'refuse', via: 'listener' }, 150);
    const refused = await dial(false);
    await expect(refused.connected).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(await window).toBe('elapsed');
    const client = await dial();
    client.socket.write('x');
    expect(await client.received(1)).toBe('x');
  });

  test('windows run on real time, also while model mode has installed virtual time', async () => {
    const clock = new VirtualClock();
    const uninstall = clock.install();
    let end: Promise<unknown>;
    try {
      end = proxy.faultWindow('refuse', 100);
    } finally {
      uninstall();
    }
    expect(await within(end, 2000, 'the window ending')).toBe('elapsed');
    expect(clock.now).toBe(0);
  });

  test('an upstream that refuses resets the client; a client that resets never crashes the proxy', async () => {
    const dead = await FaultProxy.start({ target: { host: '127.0.0.1', port: await closedPort() } });
    try {
      const client = new Client(dead.port);
      expect((await client.outcome()).error).toBe('ECONNRESET');
      await settled(dead);
      expect(dead.stats()).toMatchObject({ accepted: 1, forwarded: 0, upstreamErrors: 1, live: 0 });
    } finally {
      await dead.close();
    }
    const rude = await dial();
    rude.socket.write('r');
    await rude.received(1);
    const echoSide = echoSideOf(proxy.connections()[0]!.upstreamPort);
    rude.socket.resetAndDestroy();
    await within(closeOf(echoSide), 2000, 'the server side closing');
    const polite = await dial();
    polite.socket.write('fine');
    expect(await polite.received(4)).toBe('fine');
  });

  test('accounting adds up over a mixed sequence', async () => {
    const ok = await dial();
    await proxy.setMode('refuse');
    await (await dial(false)).outcome();
    await proxy.setMode({ kind: 'stall', release: 'drop' });
    const stalled = await dial();
    await proxy.setMode('pass');
    await stalled.outcome();
    proxy.cut();
    await ok.outcome();
    await settled(proxy);
    expect(proxy.stats()).toEqual({ accepted: 3, forwarded: 1, refused: 1, stalled: 1, dropped: 1, cut: 1, upstreamErrors: 0, live: 0 });
  });

  test('close() resets every connection, stops listening and leaves no handle behind', async () => {
    const baseline = process.getActiveResourcesInfo();
    const second = await FaultProxy.start({ target: { host: '127.0.0.1', port: echo.port } });
    const open = new Client(second.port);
    await open.connected;
    open.socket.write('o');
    await open.received(1);
    const window = second.faultWindow('stall', 60_000);
    const stalled = new Client(second.port);
    await stalled.connected;
    await second.close();
    expect(await window).toBe('closed');
    expect((await open.outcome()).error).toBe('ECONNRESET');
    expect((await stalled.outcome()).error).toBe('ECONNRESET');
    expect(second.stats().live).toBe(0);
    expect(second.connections()).toEqual([]);
    const late = new Client(second.port);
    await expect(late.connected).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await late.outcome();
    await allClosed(echo.sockets, 'the server sides closing');
    expect(process.getActiveResourcesInfo().filter((r) => r.startsWith('TCP'))).toEqual(baseline.filter((r) => r.startsWith('TCP')));
    await expect(second.setMode('pass')).rejects.toThrow(/closed/);
  });

  test('a process that used the proxy and closed it exits by itself', async () => {
    const proxyUrl = new URL('../../src/live/faultProxy.ts', import.meta.url).href;
    const script = `
      import net from 'node:net';
      import { FaultProxy } from ${JSON.stringify(proxyUrl)};
      const echo = net.createServer((s) => { s.on('error', () => {}); s.pipe(s); }).listen(0, '127.0.0.1');
      await new Promise((r) => echo.once('listening', r));
      const proxy = await FaultProxy.start({ target: { host: '127.0.0.1', port: echo.address().port } });
      const dial = () => new Promise((r) => { const s = net.connect(proxy.port, '127.0.0.1', () => r(s)); s.on('error', () => {}); });
      const open = await dial();
      open.write('x');
      await new Promise((r) => open.once('data', r));
      void proxy.faultWindow('stall', 60000);
      await dial();
      await proxy.setMode({ kind: 'fail-after', ms: 60000 });
      await dial();
      await proxy.close();
      echo.close();
      console.log('closed');
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const [code] = (await within(once(child, 'exit'), 10_000, 'the child process exiting on its own')) as [number | null];
      expect({ code, output: output.trim() }).toEqual({ code: 0, output: 'closed' });
    } finally {
      child.kill();
    }
  });

  test('bad input is a usage error that says what was expected', async () => {
    await expect(FaultProxy.start({ target: { host: '127.0.0.1', port: 70000 } })).rejects.toThrow(
      'Expected `target.port` to be a port number from 1 to 65535, got `70000` (number)',
    );
    expect(() => proxy.setMode({ kind: 'stall', release: 'later' as 'drop' })).toThrow(
      'Expected `release` of a stall mode to be one of connect, drop, got `later` (string)',
    );
    expect(() => proxy.faultWindow('refuse', -1)).toThrow('Expected `ms` of a fault window to be a finite number of milliseconds >= 0, got `-1` (number)');
    expect(() => proxy.setMode('explode' as 'pass')).toThrow('Expected a fault mode kind of pass, refuse, stall or fail-after, got `explode` (string)');
  });
});

describe('per-connection decisions (decide, release)', () => {
  let echo: Awaited<ReturnType<typeof startEcho>>;
  const proxies: FaultProxy[] = [];
  const clients: Client[] = [];
  /** A proxy to the echo server whose connections are decided by `decide`. */
  const startWith = async (decide: Decide): Promise<FaultProxy> => {
    const proxy = await FaultProxy.start({ target: { host: '127.0.0.1', port: echo.port }, decide });
    proxies.push(proxy);
    return proxy;
  };
  const dial = (proxy: FaultProxy): Client => {
    const client = new Client(proxy.port);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    echo = await startEcho();
  });
  afterAll(() => echo.close());
  beforeEach(() => {
    echo.accepted = 0;
  });
  afterEach(async () => {
    await within(Promise.all(proxies.splice(0).map((p) => p.close())), 2000, 'closing the proxies');
    const sockets = new Set(clients.splice(0).map((client) => client.socket.destroy()));
    await allClosed(sockets, 'the test clients closing');
    await allClosed(echo.sockets, 'the echo server sockets closing');
  });

  test('concurrent connections each get their own decision, by client port, whatever the proxy mode', async () => {
    const decisions = new DecideByClientPort();
    const proxy = await startWith(decisions.decide);
    await proxy.setMode('refuse'); // never used: every connection has its own decision
    const [a, b, c] = [dial(proxy), dial(proxy), dial(proxy)];
    await Promise.all([a, b, c].map((client) => within(client.connected, 2000, 'connecting')));
    // Claimed in another order than they connected: pairing is by port, not by arrival.
    decisions.claim(c.socket.localPort!, () => 'pass');
    decisions.claim(a.socket.localPort!, () => ({ kind: 'refuse', via: 'reset' }));
    decisions.claim(b.socket.localPort!, () => 'pass');
    b.socket.write('b');
    c.socket.write('c');
    expect(await b.received(1)).toBe('b');
    expect(await c.received(1)).toBe('c');
    expect((await a.outcome()).error).toBe('ECONNRESET');
    expect(proxy.stats()).toMatchObject({ accepted: 3, forwarded: 2, refused: 1 });
    expect(decisions.unpaired).toBe(0);
  });

  test('a claim made before the proxy accepted is kept for that port', async () => {
    const decisions = new DecideByClientPort();
    let accepted = 0;
    const proxy = await startWith((info, closed) => {
      accepted++;
      return decisions.decide(info, closed);
    });
    const client = dial(proxy);
    // The client's 'connect' listener runs before the test sees the proxy accept.
    client.socket.once('connect', () => decisions.claim(client.socket.localPort!, () => 'pass'));
    await within(client.connected, 2000, 'connecting');
    client.socket.write('early');
    expect(await client.received(5)).toBe('early');
    expect(accepted).toBe(1);
    expect(decisions.unpaired).toBe(0);
  });

  test('a pending decision holds the connection unread in `deciding`; nothing reaches the server until it comes', async () => {
    let decide!: (input: FaultModeInput) => void;
    const proxy = await startWith(() => new Promise((resolve) => (decide = resolve)));
    const client = dial(proxy);
    await within(client.connected, 2000, 'connecting');
    client.socket.write('wait');
    await within((async () => {
      while (proxy.connections().length === 0) await new Promise((r) => realSetTimeout(r, 5));
    })(), 2000, 'the proxy accepting');
    expect(proxy.connections()).toMatchObject([{ state: 'deciding', acceptedIn: null, upstreamPort: null }]);
    expect(echo.accepted).toBe(0);
    decide('pass');
    expect(await client.received(4)).toBe('wait');
    expect(proxy.connections()).toMatchObject([{ state: 'open', acceptedIn: 'pass' }]);
  });

  test('undefined means the proxy mode; a rejected or bad decision resets the connection', async () => {
    const answers: Array<() => ReturnType<Decide>> = [() => undefined, () => Promise.reject(new Error('no')), () => ({ kind: 'nonsense' }) as unknown as FaultModeInput];
    const proxy = await startWith(() => answers.shift()!());
    await proxy.setMode({ kind: 'refuse', via: 'reset' });
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push((await dial(proxy).outcome()).error);
    expect(outcomes).toEqual(['ECONNRESET', 'ECONNRESET', 'ECONNRESET']);
    await settled(proxy);
    expect(proxy.stats()).toMatchObject({ accepted: 3, refused: 1, forwarded: 0, live: 0 });
    expect(echo.accepted).toBe(0);
  });

  test('release(id) ends one own stall as it says (drop); mode changes leave own stalls alone', async () => {
    const proxy = await startWith(() => ({ kind: 'stall', release: 'drop' }));
    const [a, b] = [dial(proxy), dial(proxy)];
    await Promise.all([a, b].map((client) => within(client.connected, 2000, 'connecting')));
    await within((async () => {
      while (proxy.connections().filter((c) => c.state === 'stalled').length < 2) await new Promise((r) => realSetTimeout(r, 5));
    })(), 2000, 'both connections stalled');
    await proxy.setMode({ kind: 'stall', release: 'connect' });
    await proxy.setMode('pass'); // a global stall ending: not theirs
    expect(proxy.connections().map((c) => c.state)).toEqual(['stalled', 'stalled']);
    const [first, second] = proxy.connections();
    expect(proxy.release(first!.id)).toBe(true);
    expect((await a.outcome()).error).toBe('ECONNRESET');
    expect(proxy.release(first!.id)).toBe(false); // gone
    await within(proxy.connectionClosed(first!.id), 2000, 'the dropped connection closing');
    expect(proxy.connections()).toMatchObject([{ id: second!.id, state: 'stalled', acceptedIn: 'stall' }]);
    expect(proxy.stats()).toMatchObject({ stalled: 2, dropped: 1, forwarded: 0 });
    expect(echo.accepted).toBe(0);
  });

  test('release(id) of an own stall with release "connect" forwards it late', async () => {
    const proxy = await startWith(() => ({ kind: 'stall', release: 'connect' }));
    const client = dial(proxy);
    await within(client.connected, 2000, 'connecting');
    client.socket.write('late');
    await within((async () => {
      while (proxy.connections()[0]?.state !== 'stalled') await new Promise((r) => realSetTimeout(r, 5));
    })(), 2000, 'the connection stalled');
    expect(proxy.release(proxy.connections()[0]!.id)).toBe(true);
    expect(await client.received(4)).toBe('late');
    expect(proxy.stats()).toMatchObject({ stalled: 1, forwarded: 1, dropped: 0 });
  });

  test('close() resets connections still deciding; a decision that comes later does nothing', async () => {
    let decide!: (input: FaultModeInput) => void;
    const proxy = await startWith(() => new Promise((resolve) => (decide = resolve)));
    const client = dial(proxy);
    await within(client.connected, 2000, 'connecting');
    await within((async () => {
      while (proxy.connections().length === 0) await new Promise((r) => realSetTimeout(r, 5));
    })(), 2000, 'the proxy accepting');
    await within(proxy.close(), 2000, 'closing the proxy');
    expect((await client.outcome()).error).toBe('ECONNRESET');
    decide('pass');
    await new Promise((r) => realSetTimeout(r, 20));
    expect(proxy.stats()).toMatchObject({ forwarded: 0, live: 0 });
    expect(echo.accepted).toBe(0);
  });

  test('a unix socket target', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'poolcheck-proxy-'));
    const path = join(dir, 'echo.sock');
    const server = net.createServer((socket) => {
      socket.on('error', () => undefined);
      socket.pipe(socket);
    });
    server.listen(path);
    await once(server, 'listening');
    try {
      const proxy = await FaultProxy.start({ target: { path } });
      proxies.push(proxy);
      const client = dial(proxy);
      client.socket.write('unix');
      expect(await client.received(4)).toBe('unix');
    } finally {
      for (const client of clients) client.socket.destroy();
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('bad decide or target is a usage error', async () => {
    await expect(FaultProxy.start({ target: { host: '127.0.0.1', port: echo.port }, decide: 'pass' as unknown as Decide })).rejects.toThrow(
      'Expected `decide` to be a function, got `pass` (string)',
    );
    await expect(FaultProxy.start({ target: { path: '' } })).rejects.toThrow('Expected `target.path` to be a unix socket path, got');
  });
});

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

// ---------------------------------------------------------------------------------------------
// The machine's PostgreSQL, when it answers. poolcheck must not depend on it.

const PG = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' };

async function probePostgres(): Promise<string | null> {
  const client = new pg.Client({ ...PG, connectionTimeoutMillis: 1000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    return (error as Error).message || (error as NodeJS.ErrnoException).code || String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const pgUnavailable = await probePostgres();

describe.skipIf(pgUnavailable !== null)(
  pgUnavailable === null
    ? `through the proxy to PostgreSQL at ${PG.host}:${PG.port} with pg`
    : `PostgreSQL group skipped: ${PG.host}:${PG.port} (trust auth, user postgres) did not answer: ${pgUnavailable}`,
  () => {
    let proxy: FaultProxy;
    let admin: pg.Client;
    const clients: pg.Client[] = [];
    /** A pg client through the proxy; its 'error' events are recorded, never thrown. */
    const pgClient = (connectionTimeoutMillis = 2000): pg.Client & { errors: Error[] } => {
      const client = Object.assign(new pg.Client({ ...PG, port: proxy.port, connectionTimeoutMillis, application_name: 'poolcheck-faultproxy-test' }), {
        errors: [] as Error[],
      });
      client.on('error', (error) => client.errors.push(error));
      clients.push(client);
      return client;
    };
    const sessionAlive = async (pid: number): Promise<boolean> =>
      (await admin.query('select 1 from pg_stat_activity where pid = $1', [pid])).rowCount === 1;

    beforeAll(async () => {
      admin = new pg.Client({ ...PG, connectionTimeoutMillis: 2000 });
      await admin.connect();
    });
    afterAll(() => admin.end());
    beforeEach(async () => {
      proxy = await FaultProxy.start({ target: { host: PG.host, port: PG.port } });
    });
    afterEach(async () => {
      await within(proxy.close(), 2000, 'closing the proxy');
      await Promise.all(clients.splice(0).map((c) => c.end().catch(() => undefined)));
    });

    test('a query passes, and the session correlates by port', async () => {
      const client = pgClient();
      await client.connect();
      const { rows } = await client.query<{ pid: number; port: number }>('select pg_backend_pid() as pid, inet_client_port() as port');
      expect(proxy.connections()).toMatchObject([{ state: 'open', upstreamPort: rows[0]!.port }]);
      await client.end();
    });

    test('a cut kills the connection: the client gets ECONNRESET and the server session ends', async () => {
      const idle = pgClient();
      await idle.connect();
      const busy = pgClient();
      await busy.connect();
      const pids = await Promise.all([idle, busy].map(async (c) => (await c.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid));
      const query = busy.query('select pg_sleep(5)');
      const idleError = new Promise<Error>((resolve) => idle.once('error', resolve));
      expect(proxy.cut()).toBe(2);
      await expect(within(query, 2000, 'the busy query failing')).rejects.toMatchObject({ code: 'ECONNRESET', message: 'read ECONNRESET' });
      expect(await within(idleError, 2000, 'the idle client erroring')).toMatchObject({ code: 'ECONNRESET' });
      await expect(idle.query('select 1')).rejects.toThrow('Client has encountered a connection error and is not queryable');
      // The server notices the reset on its own; wait for it, bounded.
      await within(
        (async () => {
          while ((await Promise.all(pids.map(sessionAlive))).some(Boolean)) await new Promise((r) => realSetTimeout(r, 20));
        })(),
        3000,
        'the server sessions ending',
      );
    });

    test('refuse makes connect() fail: ECONNRESET (reset), "Connection terminated unexpectedly" (fin), ECONNREFUSED (listener)', async () => {
      await proxy.setMode({ kind: 'refuse', via: 'reset' });
      await expect(pgClient().connect()).rejects.toMatchObject({ code: 'ECONNRESET' });
      await proxy.setMode({ kind: 'refuse', via: 'fin' });
      await expect(pgClient().connect()).rejects.toThrow('Connection terminated unexpectedly');
      await proxy.setMode({ kind: 'refuse', via: 'listener' });
      await expect(pgClient().connect()).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      await proxy.setMode('pass');
      const client = pgClient();
      await client.connect();
      expect((await client.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
    });

    test('stall makes connect() wait until the window ends, then it succeeds', async () => {
      let windowEnded = false;
      const window = proxy.faultWindow('stall', 300).then((end) => ((windowEnded = true), end));
      const client = pgClient(3000);
      const started = realNow();
      await client.connect();
      expect(windowEnded).toBe(true);
      expect(realNow() - started).toBeGreaterThanOrEqual(295);
      expect(await window).toBe('elapsed');
      expect((await client.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
    });

    test('a stall longer than connectionTimeoutMillis: connect() times out; the late connection is not left open', async () => {
      let windowEnded = false;
      const window = proxy.faultWindow('stall', 400).then((end) => ((windowEnded = true), end));
      const client = pgClient(150);
      await expect(client.connect()).rejects.toThrow('timeout expired');
      expect(windowEnded).toBe(false);
      const [stalled] = proxy.connections();
      expect(stalled).toMatchObject({ state: 'stalled' });
      expect(await window).toBe('elapsed');
      // Released late, it reaches the server with the client already gone, and closes.
      await within(proxy.connectionClosed(stalled!.id), 3000, 'the late connection closing');
      expect(proxy.stats()).toMatchObject({ stalled: 1, live: 0 });
    });

    test('fail-after: connect succeeds, then the running query fails with ECONNRESET', async () => {
      await proxy.setMode({ kind: 'fail-after', ms: 250 });
      const client = pgClient();
      await client.connect();
      await expect(within(client.query('select pg_sleep(5)'), 2000, 'the query failing')).rejects.toMatchObject({ code: 'ECONNRESET' });
      expect(proxy.stats()).toMatchObject({ cut: 1 });
    });
  },
);
