// Adapter for mysql2 3's pool (`createPool` from 'mysql2/promise'), live mode only: the pool opens
// its own connections, so poolcheck gives it the run's login and a `stream` factory
// (backend.drivers.mysql), through which it sees every socket the pool opens and closes, and the
// server's process list is the ground truth.
//
// What it declares, and why (lib/base/pool.js, lib/pool_config.js, lib/pool_connection.js of
// mysql2 3.24.6, and https://sidorares.github.io/node-mysql2/docs#using-connection-pools):
// - capacity: `connectionLimit = size + maxOverflow` ("the maximum number of connections to
//   create at once"); `queueLimit: 0`, no limit on waiters; `waitForConnections: true`, callers
//   wait instead of failing at once.
// - acquireTimeout: none. The pool has no acquire timeout: a caller waits until a connection is
//   released (`connectTimeout` bounds one connection's handshake, not the wait). TIME-* are not
//   applicable.
// - fifo 'when-full', on its code alone: the docs promise no order. Callers queued at full
//   capacity are served in order (`_connectionQueue.push(cb)`, `_connectionQueue.shift()` in
//   `_handleSuccessfulRelease`), but a caller that finds capacity free gets the connection it
//   opened itself (`connection.connect((err) => ... cb(null, connection))` in `getConnection`),
//   so callers at free capacity are served in the order their connects finish, which on a real
//   server is not the order they came in (a live run with 'every-caller', seed 1: p1 and p2
//   acquire 0.17 ms apart at free capacity, p2's connect finishes first and p2 is served first).
//   One path re-queues at the tail: a connection removed while callers queue (destroyed, or its
//   session dropped) sends the queue's head back through `getConnection` on the next tick, where a
//   full pool pushes it behind the others.
// - retention: `maxIdle = size`, `idleTimeout = idleTimeoutMs` ("idle connections timeout, in
//   milliseconds"; maxIdle: "max idle connections"). A timer armed only when maxIdle <
//   connectionLimit (`_removeIdleTimeoutConnections`) runs every 1000 ms, re-armed after each pass,
//   and destroys free connections beyond maxIdle and those idle longer than idleTimeout: slackMs
//   is that interval plus 100 ms for its own lateness and the socket's close.
// - min: none. query: `pool.query(sql)` borrows a connection for one query and releases it
//   when the query ends, with or without an error (`BasePool.query`).
// - validation: none. A connection is dropped when it emits 'error' (the server closed it, say:
//   `PoolConnection` removes itself), but nothing is checked at checkout.
// - connectRetryMs 0: a failed connect is removed from the pool and the next waiter retried at
//   once (`_removeConnection` -> `releaseConnection`). wakeUpSlackMs 0: a release serves the
//   next waiter on `process.nextTick`.
// - release / destroy: `connection.release()` and `connection.destroy()` (docs: "Don't forget to
//   release the connection"; destroy closes it and removes it from the pool). close: `pool.end()`.
import { createPool, type Pool, type PoolConnection } from 'mysql2/promise';
import { installedVersion } from '../../src/adapter/installedVersion.ts';
import type { Adapter, ErrorClass } from '../../src/adapter/Adapter.ts';
import type { Connection } from '../../src/adapter/Backend.ts';
import type { MysqlDrivers } from '../../src/adapter/MysqlDrivers.ts';
import { requireMysqlDrivers } from '../../src/live/mysql/requireMysqlDrivers.ts';

/** The idle reaper's interval (pool.js), plus its lateness and the socket's close, real ms. */
const REAP_SLACK_MS = 1000 + 100;
/** mysql2's closed-pool errors (pool.js); the pool gives them no code or class. */
const CLOSED_MESSAGE = 'Pool is closed.';

export interface Mysql2Pool {
  readonly pool: Pool;
  readonly drivers: MysqlDrivers;
}

export interface Mysql2Lease {
  readonly conn: PoolConnection;
  readonly view: Connection;
}

export const mysql2Adapter: Adapter<Mysql2Pool, Mysql2Lease> = {
  contract: 2,
  name: 'mysql2',
  pool: { name: 'mysql2', version: installedVersion('mysql2', import.meta.url) },
  runsOn: { model: false, live: 'mysql' },
  claims: {
    fifo: {
      silent: 'the docs say a pool with waitForConnections will "queue the connection request and call it when one becomes available", not in what order; lib/base/pool.js queues callers that find the pool full with push and serves them with shift',
    },
    retention: {
      promised: 'idle connections timeout, in milliseconds, the default value 60000',
      source: 'https://sidorares.github.io/node-mysql2/docs#using-connection-pools',
    },
    query: { promised: 'Connection is automatically released when query resolves', source: 'https://sidorares.github.io/node-mysql2/docs#using-connection-pools' },
  },
  capabilities: {
    acquireTimeout: null,
    perAcquireTimeout: false,
    fifo: 'when-full',
    retention: { mode: 'idle-timeout', slackMs: REAP_SLACK_MS },
    min: false,
    query: true,
    validation: false,
    fork: null,
    connectRetryMs: 0,
    wakeUpSlackMs: 0,
  },
  create: (config, backend) => {
    const drivers = requireMysqlDrivers(backend, 'mysql2');
    const pool = createPool({
      ...drivers.login,
      stream: drivers.mysql2Stream,
      connectionLimit: config.size + config.maxOverflow,
      maxIdle: config.size,
      // Without an idle timeout asked for, mysql2's default (60 s) stays.
      ...(config.idleTimeoutMs === null ? {} : { idleTimeout: config.idleTimeoutMs }),
      queueLimit: 0,
      waitForConnections: true,
    });
    return { pool, drivers };
  },
  acquire: async ({ pool, drivers }) => {
    const conn = await pool.getConnection();
    return { conn, view: drivers.connection(conn) };
  },
  connection: (lease) => lease.view,
  release: (_pool, { conn }) => conn.release(),
  destroy: (_pool, { conn }) => conn.destroy(),
  close: ({ pool }) => pool.end(),
  query: ({ pool }, sql) => pool.query(sql as string),
  classifyError: (error): ErrorClass => (error instanceof Error && error.message === CLOSED_MESSAGE ? 'closed' : 'other'),
};

export default mysql2Adapter;
