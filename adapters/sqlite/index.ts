// Adapter `sqlite`: a tarn.js 3 pool of better-sqlite3 connections, configured the way knex
// configures tarn for its better-sqlite3 dialect. Live mode only: the connections are real
// Databases on the run's SQLite file, each opened by poolcheck's instrumented factory (the
// witness), so the ground truth is which of them are still open.
//
// What knex does, and so what this adapter does (knex lib/client.js, lib/dialects/sqlite3/index.js
// and lib/dialects/better-sqlite3/index.js):
// - create: `acquireRawConnection()` is `new Database(filename)`; destroy: `destroyRawConnection`
//   is `connection.close()`. Here both go through the backend, whose connections are exactly that.
// - validate: `getPoolSettings` refuses a connection marked `__knex__disposed` and otherwise asks
//   `validateConnection`, which neither SQLite dialect overrides: the base client returns true.
//   knex never checks that a better-sqlite3 Database is still open before handing it out, so
//   this adapter does not claim validation: a connection the witness closed may be handed out
//   (ERR-2's killed-session half does not apply). A connection its borrower destroyed is marked
//   disposed, as knex marks it, and refused (ERR-2's other half).
// - pool defaults: `{ min: 2, max: 10, propagateCreateError: true }`, and the SQLite dialects
//   narrow them to `min: 1, max: 1`. poolcheck's workloads choose min and max themselves
//   (mapped as for tarn); propagateCreateError stays true, as knex leaves it.
// - acquireTimeoutMillis: knex always sets one, the smaller of `acquireConnectionTimeout` and the
//   pool's own, 60 s when neither is given (DEFAULT_ACQUIRE_TIMEOUT).
// - release: knex calls `pool.release(connection)` and ignores the false it returns for a
//   connection not in use; close: `pool.destroy()`. tarn's own calls, as in the tarn adapter.
//
// Everything tarn decides (capacity, fifo, retention and its reaper, min, retry, error classes)
// is the tarn adapter's: its calls, error classes and declared timings are reused from it. The
// only claim that differs is validation, above.
import { Pool } from 'tarn';
import { tarnAdapter, type TarnPool } from '../tarn/index.ts';
import { installedVersion } from '../../src/adapter/installedVersion.ts';
import type { Adapter } from '../../src/adapter/Adapter.ts';
import type { Connection } from '../../src/adapter/Backend.ts';

/** knex's acquire timeout when the user sets none (lib/client.js, DEFAULT_ACQUIRE_TIMEOUT). */
const KNEX_DEFAULT_ACQUIRE_TIMEOUT_MS = 60_000;

const tarnCapabilities = tarnAdapter.capabilities;
// Fork mode runs on PostgreSQL: a SQLite file's pool declares no fork form, and tarn's claim for it goes.
const { validation: _validation, fork: _fork, ...tarnClaims } = tarnAdapter.claims ?? {};
/** The reaper's interval the tarn adapter declares as its retention slack. */
const reapIntervalMillis = tarnCapabilities.retention?.mode === 'idle-timeout' ? tarnCapabilities.retention.slackMs : undefined;

export const sqliteAdapter: Adapter<TarnPool, Connection> = {
  ...tarnAdapter,
  name: 'sqlite',
  pool: { name: 'tarn', version: `${installedVersion('tarn', import.meta.url)} with better-sqlite3 ${installedVersion('better-sqlite3', import.meta.url)}` },
  capabilities: { ...tarnCapabilities, acquireTimeout: { covers: 'whole-acquire', defaultMs: KNEX_DEFAULT_ACQUIRE_TIMEOUT_MS }, validation: false, fork: null },
  // tarn's claims, but knex's acquire timeout, and no validation claimed (see above).
  claims: {
    ...tarnClaims,
    acquireTimeout: {
      promised: 'acquireConnectionTimeout defaults to 60000ms and is used to determine how long knex should wait before throwing a timeout error when acquiring a connection is not possible.',
      source: 'https://knexjs.org/guide/#acquireconnectiontimeout',
    },
  },
  runsOn: { model: false, live: 'sqlite' },
  create: (config, backend) => {
    const disposed = new WeakSet<Connection>();
    const pool = new Pool<Connection>({
      create: () => backend.connect(),
      destroy: (conn) => conn.close(),
      // knex: refuse what was disposed, accept everything else (validateConnection returns true).
      validate: (conn) => !disposed.has(conn),
      min: config.min,
      max: config.size + config.maxOverflow,
      acquireTimeoutMillis: config.acquireTimeoutMs ?? KNEX_DEFAULT_ACQUIRE_TIMEOUT_MS,
      ...(config.idleTimeoutMs === null ? {} : { idleTimeoutMillis: config.idleTimeoutMs }),
      ...(reapIntervalMillis === undefined ? {} : { reapIntervalMillis }),
      createRetryIntervalMillis: tarnCapabilities.connectRetryMs,
      propagateCreateError: true,
    });
    return { pool, disposed };
  },
};

export default sqliteAdapter;
