// Adapter for pg-pool 3 (node-postgres' pool), in model mode: pg-pool's `Client` option is
// ModelClient, a pg.Client look-alike over the backend's connections, so ground truth is the
// backend's own accounting.
//
// What it declares, and why (pg-pool 3.14.0 index.js, and https://node-postgres.com/apis/pool):
// - capacity: `max = size + maxOverflow`; `min = config.min` ("minimum number of clients the pool
//   should hold on to and not destroy with the idleTimeoutMillis"; it does not open them eagerly).
// - acquireTimeout: `connectionTimeoutMillis`. Documented as the timeout "when connecting a new
//   client", it covers the whole acquire: a `connect()` that has to queue gets its own timer
//   ('timeout exceeded when trying to connect', index.js `connect`), and one that opens a client
//   destroys its socket when the timer fires ('Connection terminated due to connection timeout',
//   `newClient`). Both count as timeouts. No per-call timeout.
// - fifo 'when-full': "If the pool is 'full' and all clients are currently checked out, this will
//   wait in a FIFO queue until a client becomes available" (docs, pool.connect); a caller that
//   finds the pool not full is given a new client of its own ("If the pool is not full a new
//   client will be created"), in no queue, so the order promised is that of the full pool's queue.
// - retention: each client released while the pool is above `min` gets an `idleTimeoutMillis`
//   timer that removes it (`_release`); the timer is exact, so slackMs = 0.
// - query: `pool.query(text, values, cb)` checks out a client for one query (QUERY-1).
// - validation: none. pg-pool drops an idle client when it emits 'error' and a checked-out one
//   on `release(err)` or when it is no longer `_queryable`; it does not check a client on
//   checkout, and the model cannot deliver the 'error' event (see ModelClient).
// - connectRetryMs 0: a failed connect fails its waiter and lets the next one try at once.
// - promiseLibrary: the `Promise` option (index.js: `this.Promise = this.options.Promise ||
//   global.Promise`; pg's docs showed it with bluebird); the run's choice is passed as that option.
// - release / destroy: `client.release()` and `client.release(true)`, as the docs show them. pg-pool
//   replaces `client.release` on every checkout (`_acquireClient`), so it is read at call time.
import { NODE_WORKER_FORK_CLAIM } from '../../src/adapter/nodeWorkerFork.ts';
import { installedVersion } from '../../src/adapter/installedVersion.ts';
import { createRequire } from 'node:module';
import type { Adapter, ErrorClass } from '../../src/adapter/Adapter.ts';
import type { Backend } from '../../src/adapter/Backend.ts';
import { ModelClient } from './ModelClient.ts';

/** The part of pg-pool's Pool this adapter uses (pg-pool ships no types of its own). */
export interface PgPool {
  connect(): Promise<ModelClient>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  query(text: unknown): Promise<unknown>;
  end(): Promise<void>;
}

interface PgPoolOptions {
  readonly Client: new () => ModelClient;
  readonly max: number;
  readonly min: number;
  readonly idleTimeoutMillis: number;
  readonly connectionTimeoutMillis: number;
  readonly Promise: PromiseConstructor;
}

const Pool = createRequire(import.meta.url)('pg-pool') as new (options: PgPoolOptions) => PgPool;

/** pg-pool's own messages (index.js); it has no error classes or codes. */
const TIMEOUT_MESSAGES = ['timeout exceeded when trying to connect', 'Connection terminated due to connection timeout'];
const CLOSED_MESSAGE = 'Cannot use a pool after calling end on the pool';

export const pgPoolAdapter: Adapter<PgPool, ModelClient> = {
  contract: 2,
  name: 'pg-pool',
  pool: { name: 'pg-pool', version: installedVersion('pg-pool', import.meta.url) },
  capabilities: {
    acquireTimeout: { covers: 'whole-acquire', defaultMs: null },
    perAcquireTimeout: false,
    fifo: 'when-full',
    retention: { mode: 'idle-timeout', slackMs: 0 },
    min: true,
    query: true,
    validation: false,
    fork: 'per-process',
    connectRetryMs: 0,
    wakeUpSlackMs: 0,
    promiseLibrary: true,
  },
  claims: {
    acquireTimeout: {
      promised: 'number of milliseconds to wait before timing out when connecting a new client',
      source: 'https://node-postgres.com/apis/pool (new Pool: connectionTimeoutMillis)',
    },
    fifo: {
      promised: "If the pool is 'full' and all clients are currently checked out, this will wait in a FIFO queue until a client becomes available by it being released back to the pool.",
      source: 'https://node-postgres.com/apis/pool (pool.connect)',
    },
    retention: {
      promised: 'number of milliseconds a client must sit idle in the pool and not be checked out before it is disconnected from the backend and discarded',
      source: 'https://node-postgres.com/apis/pool (new Pool: idleTimeoutMillis)',
    },
    min: {
      promised: 'minimum number of clients the pool should hold on to and _not_ destroy with the idleTimeoutMillis',
      source: 'https://node-postgres.com/apis/pool (new Pool: min)',
    },
    query: {
      promised: 'the pool has a convenience method to run a query on any available client in the pool. This is the preferred way to query with node-postgres if you can as it removes the risk of leaking a client.',
      source: 'https://node-postgres.com/features/pooling (Single query)',
    },
    'CLOSE-1': {
      silent: 'the docs say pool.end() drains the pool of its clients and disconnects them, but not what becomes of callers still queued, or of connect() after end()',
    },
    fork: NODE_WORKER_FORK_CLAIM,
  },
  create: (config, backend: Backend, runtime) => {
    const pool = new Pool({
      // Live mode: pg's own Client, each instance a session of the run; model mode: ModelClient.
      Client:
        (backend.drivers?.pgClient as (new () => ModelClient) | undefined) ??
        class extends ModelClient {
          constructor() {
            super(backend);
          }
        },
      max: config.size + config.maxOverflow,
      min: config.min,
      // 0 turns pg-pool's idle timeout off, and its connection timeout too.
      idleTimeoutMillis: config.idleTimeoutMs ?? 0,
      connectionTimeoutMillis: config.acquireTimeoutMs ?? 0,
      Promise: runtime.Promise,
    });
    // pg-pool re-emits an idle client's error (a session the server terminated) on the pool, and
    // its docs ask every application to listen: "the pool will emit an error on behalf of any
    // idle clients". Unheard, Node would end the process; the pool has already dropped the client.
    pool.on('error', () => {});
    return pool;
  },
  acquire: (pool) => pool.connect(),
  connection: (client) => client.view,
  release: (_pool, client) => client.release!(),
  destroy: (_pool, client) => client.release!(true),
  close: (pool) => pool.end(),
  query: (pool, sql) => pool.query(sql),
  classifyError: (error): ErrorClass => {
    if (!(error instanceof Error)) return 'other';
    if (TIMEOUT_MESSAGES.includes(error.message)) return 'timeout';
    if (error.message === CLOSED_MESSAGE) return 'closed';
    return 'other';
  },
};

export default pgPoolAdapter;
