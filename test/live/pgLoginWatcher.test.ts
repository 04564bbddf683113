// PgLoginWatcher reads a PostgreSQL login off the wire, however the bytes are cut into chunks:
// the session's pid from BackendKeyData once ReadyForQuery ends the login, the SQLSTATE and
// message of a refused one, and that nothing more can be read once the client and server agree on
// encryption. Hand-made transcripts in the protocol's own framing; a real one through a relay.
import net from 'node:net';
import fc from 'fast-check';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { PgLoginWatcher, type PgLoginEvent } from '../../src/live/postgres/PgLoginWatcher.ts';
import { portAnswers } from './portAnswers.ts';

const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
/** A start-up packet: int32 length (itself included), int32 code, body. */
const untyped = (code: number, body = Buffer.alloc(0)) => Buffer.concat([int32(8 + body.length), int32(code), body]);
/** A typed message: type byte, int32 length (itself included), body. */
const typed = (type: string, body: Buffer) => Buffer.concat([Buffer.from(type), int32(4 + body.length), body]);
const cstrings = (...parts: string[]) => Buffer.concat([...parts.map((p) => Buffer.from(`${p}\0`)), Buffer.from('\0')]);

const SSL_REQUEST = untyped(80877103);
const STARTUP = untyped(196608, cstrings('user', 'postgres', 'application_name', 'poolcheck:x'));
const LOGIN = Buffer.concat([
  typed('R', int32(0)),
  typed('S', Buffer.from('server_version\u000018.4\u0000')),
  typed('K', Buffer.concat([int32(4242), int32(777)])),
  typed('Z', Buffer.from('I')),
]);
const REFUSED = typed('E', Buffer.concat([Buffer.from('SFATAL\0C53300\0Msorry, too many clients already\0'), Buffer.from('\0')]));

/** Feeds each side cut at the given points, the client's bytes first (the server answers them). */
function watch(client: Buffer, server: Buffer, cuts: { client: number[]; server: number[] } = { client: [], server: [] }): PgLoginEvent[] {
  const events: PgLoginEvent[] = [];
  const watcher = new PgLoginWatcher((e) => events.push(e));
  const pieces = (b: Buffer, at: number[]) => [0, ...[...new Set(at.map((n) => n % (b.length + 1)))].sort((x, y) => x - y), b.length].flatMap((from, i, all) => (i + 1 < all.length ? [b.subarray(from, all[i + 1])] : []));
  for (const piece of pieces(client, cuts.client)) watcher.client(piece);
  for (const piece of pieces(server, cuts.server)) watcher.server(piece);
  return events;
}

describe('PgLoginWatcher', () => {
  it('names the session by its BackendKeyData pid once ReadyForQuery ends the login, however the bytes arrive', () => {
    const cut = fc.array(fc.nat(200), { maxLength: 12 });
    fc.assert(
      fc.property(cut, cut, (clientCuts, serverCuts) => {
        expect(watch(STARTUP, LOGIN, { client: clientCuts, server: serverCuts })).toEqual([{ kind: 'ready', pid: 4242 }]);
        expect(watch(Buffer.concat([SSL_REQUEST, STARTUP]), Buffer.concat([Buffer.from('N'), LOGIN]), { client: clientCuts, server: serverCuts })).toEqual([{ kind: 'ready', pid: 4242 }]);
      }),
    );
  });

  it('reports a refused login with its SQLSTATE and message', () => {
    expect(watch(STARTUP, REFUSED)).toEqual([{ kind: 'refused', code: '53300', message: 'sorry, too many clients already' }]);
  });

  it('stops reading once the server agrees to encrypt, and on a length that makes no sense', () => {
    expect(watch(Buffer.concat([SSL_REQUEST, STARTUP]), Buffer.concat([Buffer.from('S'), LOGIN]))).toEqual([{ kind: 'unreadable', why: 'the session is encrypted (TLS)' }]);
    expect(watch(STARTUP, Buffer.concat([Buffer.from('R'), int32(2)]))).toEqual([{ kind: 'unreadable', why: 'a server message of length 2' }]);
    expect(watch(Buffer.concat([int32(4), int32(80877103)]), LOGIN)).toEqual([{ kind: 'unreadable', why: 'a start-up packet of length 4' }]);
  });

  it('is not fooled by a ReadyForQuery without BackendKeyData, and reports one event only', () => {
    expect(watch(STARTUP, typed('Z', Buffer.from('I')))).toEqual([]);
    expect(watch(STARTUP, Buffer.concat([LOGIN, REFUSED, LOGIN]))).toEqual([{ kind: 'ready', pid: 4242 }]);
  });
});

const pgUp = await portAnswers(5432);

describe.skipIf(!pgUp)(`PgLoginWatcher on a real login${pgUp ? '' : ' (skipped: nothing answers on 127.0.0.1:5432)'}`, () => {
  it('finds the pid the server gave the client, through a relay that taps both sides', async () => {
    const events: PgLoginEvent[] = [];
    const relay = net.createServer((client) => {
      const watcher = new PgLoginWatcher((e) => events.push(e));
      const server = net.connect({ host: '127.0.0.1', port: 5432 });
      client.on('data', (chunk: Buffer) => watcher.client(chunk));
      server.on('data', (chunk: Buffer) => watcher.server(chunk));
      client.pipe(server).pipe(client);
      client.on('error', () => server.destroy());
      server.on('error', () => client.destroy());
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const port = (relay.address() as net.AddressInfo).port;
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
    try {
      await client.connect();
      const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
      expect(events).toEqual([{ kind: 'ready', pid: rows[0]!.pid }]);
    } finally {
      await client.end();
      relay.close();
    }
  });
});
