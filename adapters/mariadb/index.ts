// Adapter for the mariadb connector 3's pool (`createPool` from 'mariadb'), live mode only: the
// pool opens its own connections, so poolcheck gives it the run's login and a `stream` function
// (backend.drivers.mysql), through which it sees every socket the pool opens and closes, and the
// server's process list is the ground truth.
//
// What it declares, and why (lib/pool.js, lib/pool-promise.js, lib/config/pool-options.js of
// mariadb 3.5.4, and https://mariadb.com/docs/connectors/mariadb-connector-nodejs/connector-nodejs-promise-api
// "Pool options"):
// - capacity: `connectionLimit = size + maxOverflow` ("maximum number of connections in pool").
// - min: `minimumIdle = min` ("permit to set a minimum number of connection in pool"). The pool
//   opens them on its own (`_managePoolSize`) and its reaper never takes the idle ones below it
//   (`maxRemoval = idle - minimumIdle` in `_removeIdleConnections`).
// - acquireTimeout: `acquireTimeout` ("timeout to get a new connection from pool"); a waiter past
//   it is rejected with code ER_GET_CONNECTION_TIMEOUT (`_rejectTimedOutRequest`). The pool has
//   no "no timeout" (0 rejects at once), so without one its default, 10 s, stays. No per-call one.
// - fifo: not claimed. The docs promise no order, and the queue (`#requests.push` / `shift`) is
//   only for callers that found no idle connection: a caller that takes an idle one pings it
//   first (`_findValidIdleConnection`) and is in no queue meanwhile, so a connection freed during
//   the ping goes to a later caller, and a caller whose ping fails (a killed session) joins the
//   queue behind callers that came after it. A MariaDB soak showed it: t3, waiting since 25 ms,
//   was served after t1, who came at 30 ms. The order depends on ping latency: not judged.
// - retention: `idleTimeout` ("indicate idle time after which a pool connection is released",
//   in seconds, so idleTimeoutMs / 1000) beyond `minimumIdle`; the reaper runs every 500 ms
//   (`setInterval(..., 500)` in `_startConnectionReaping`): slackMs is that plus 100 ms for its
//   lateness and the socket's close.
// - validation: with `minDelayValidation: 0` ("0 means validation is done each time the
//   connection is asked") every checkout of an idle connection pings it first
//   (`_validateConnectionHealth`) and a dead one is dropped. Its default (500 ms) skips the ping
//   for recently used connections; poolcheck asks for the documented always-validate setting.
// - query: `pool.query(sql)` borrows for one query and releases on success and on error.
// - connectRetryMs: a failed create is tried again after min(500 ms, what is left of
//   `initializationTimeout`) (`_handleConnectionCreationError`): 500.
// - wakeUpSlackMs 1: a new connection is asked for on `setImmediate` (`getConnection`), a released
//   one offered to the waiters on `process.nextTick`.
// - release / destroy: `conn.release()` (a ROLLBACK first if a transaction is open) and
//   `conn.destroy()`. close: `pool.end()`: idle connections are closed, waiters rejected
//   (ER_CLOSING_POOL), borrowed ones closed when released.
// The pool emits 'error' when it cannot create connections; like any EventEmitter it throws
// without a listener, so one is attached, as an application must.
import type { EventEmitter } from 'node:events';
import { createPool, version, type Pool, type PoolConnection, type SqlError } from 'mariadb';
import type { Adapter, ErrorClass } from '../../src/adapter/Adapter.ts';
import type { Connection } from '../../src/adapter/Backend.ts';
import type { MysqlDrivers } from '../../src/adapter/MysqlDrivers.ts';
import { requireMysqlDrivers } from '../../src/live/mysql/requireMysqlDrivers.ts';

/** The idle reaper's interval (pool.js), plus its lateness and the socket's close, real ms. */
const REAP_SLACK_MS = 500 + 100;
const RETRY_MS = 500;
/** mariadb's error codes (lib/misc/errors.js) for an acquire that waited too long, and a closed pool. */
const TIMEOUT_CODES = ['ER_GET_CONNECTION_TIMEOUT'];
const CLOSED_CODES = ['ER_POOL_ALREADY_CLOSED', 'ER_CLOSING_POOL'];

export interface MariadbPool {
  readonly pool: Pool;
  readonly drivers: MysqlDrivers;
}

export interface MariadbLease {
  readonly conn: PoolConnection;
  readonly view: Connection;
}

export const mariadbAdapter: Adapter<MariadbPool, MariadbLease> = {
  contract: 2,
  name: 'mariadb',
  pool: { name: 'mariadb', version },
  runsOn: { model: false, live: 'mysql' },
  claims: {
    acquireTimeout: {
      promised: 'The milliseconds before a timeout occurs during the connection acquisition. This is slightly different from connectTimeout, because acquiring a pool connection does not always involve making a connection. (Default: 10 seconds)',
      source: 'mariadb types/share.d.ts (PoolConfig): acquireTimeout',
    },
    retention: {
      promised: 'Indicate idle time after which a pool connection is released.',
      source: 'mariadb types/share.d.ts (PoolConfig): idleTimeout',
    },
    min: { promised: 'Permit setting a minimum amount of connection in pool.', source: 'mariadb types/share.d.ts (PoolConfig): minimumIdle' },
    validation: {
      promised: 'When asking a connection to pool, the pool will validate the connection state. [...] 0 means validation is done each time the connection is asked.',
      source: 'mariadb types/share.d.ts (PoolConfig): minDelayValidation',
    },
    query: {
      promised: 'This is a shortcut to get a connection from pool, execute a query and release connection.',
      source: 'mariadb-connector-nodejs documentation/promise-api.md (pool.query)',
    },
  },
  capabilities: {
    acquireTimeout: { covers: 'whole-acquire', defaultMs: 10_000 },
    perAcquireTimeout: false,
    fifo: null,
    retention: { mode: 'idle-timeout', slackMs: REAP_SLACK_MS },
    min: true,
    query: true,
    validation: true,
    fork: null,
    connectRetryMs: RETRY_MS,
    wakeUpSlackMs: 1,
  },
  create: (config, backend) => {
    const drivers = requireMysqlDrivers(backend, 'mariadb');
    const pool = createPool({
      ...drivers.login,
      stream: drivers.mariadbStream,
      connectionLimit: config.size + config.maxOverflow,
      minimumIdle: config.min,
      ...(config.acquireTimeoutMs === null ? {} : { acquireTimeout: config.acquireTimeoutMs }),
      ...(config.idleTimeoutMs === null ? {} : { idleTimeout: config.idleTimeoutMs / 1000 }),
      minDelayValidation: 0,
    });
    (pool as unknown as EventEmitter).on('error', () => {});
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
  classifyError: (error): ErrorClass => {
    const code = (error as Partial<SqlError> | null)?.code;
    if (typeof code !== 'string') return 'other';
    if (TIMEOUT_CODES.includes(code)) return 'timeout';
    if (CLOSED_CODES.includes(code)) return 'closed';
    return 'other';
  },
};

export default mariadbAdapter;
