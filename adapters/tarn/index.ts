// Adapter for tarn.js 3 (the pool behind knex), in model mode: tarn's `create`/`destroy` open and
// close the backend's connections, so poolcheck's ground truth is the factory's accounting.
//
// What it declares, and why (dist/Pool.js and README of tarn 3.1.2):
// - capacity: `max = size + maxOverflow`, `min = config.min`.
// - acquireTimeout: `acquireTimeoutMillis` rejects with tarn's exported `TimeoutError` (README).
//   tarn has no "no timeout": without one it uses its default of 30 s, which we leave in place.
//   No per-call timeout (`acquire()` takes no arguments).
// - fifo 'every-caller': not promised in the README, but built in: `pendingAcquires` is a queue
//   (`push` / `shift`) of every acquire, also one a create was started for, and an acquire whose
//   resource fails validation is put back at its head
//   (`this.pendingAcquires.unshift(pendingAcquire)` in `_doAcquire`) to keep its place.
// - retention: the reaper (`check()`, every `reapIntervalMillis`) destroys free resources idle
//   for `idleTimeoutMillis` or more, keeping `min` counting the used ones ("Free resources are
//   destroyed after this many milliseconds"). A connection freed at t goes at the first reap at or
//   after t + idle: slackMs = REAP_MS.
// - min: the reaper never takes used + free below `min` (`minKeep = this.min - this.used.length`).
//   tarn does not open connections up to `min` on its own; MIN-1 only asks that it is kept.
// - validation: `validate` runs before every hand-out; a resource that fails it is destroyed and
//   the acquire loop runs again through `setTimeout(..., 0)` ("not immediately to prevent
//   starving event loop"), i.e. 1 ms later. The deferrals chain: a waiter that meets k dead
//   resources in `free` (destroyed by their borrowers, see below, or killed by the server) waits
//   k ms before tarn opens a new one, and tarn can hold up to `max` of them. poolcheck's slack is
//   one number per adapter, counted from the latest change of supply or demand, so
//   wakeUpSlackMs = MAX_CHAIN_MS, the largest `max` its workloads use.
// - connectRetryMs: `createRetryIntervalMillis`.
// - propagateCreateError: true. It is knex's default (tarn's main user), and it makes tarn
//   claim what ERR-1 asks first: the borrower gets the connect error itself ("the first pending
//   acquire is rejected with the error"). With tarn's default (false) a failed create reaches no
//   borrower unless an acquire timeout is set, whose TimeoutError then carries its message.
//
// Destroying a borrowed resource: tarn has no public call for it (its API is acquire / release /
// destroy-the-pool). knex's way, which this adapter follows: mark the resource disposed, release
// it, and let `validate` refuse it, so tarn destroys it instead of handing it out again.
import { NODE_WORKER_FORK_CLAIM } from '../../src/adapter/nodeWorkerFork.ts';
import { installedVersion } from '../../src/adapter/installedVersion.ts';
import { Pool, TimeoutError } from 'tarn';
import type { Adapter, ErrorClass } from '../../src/adapter/Adapter.ts';
import type { Connection } from '../../src/adapter/Backend.ts';

/** How often the reaper runs, in ms (virtual in model mode, real in live mode). */
const REAP_MS = 10;
/** How long tarn waits after a failed create before trying again, in ms. */
const RETRY_MS = 10;
/** 1 ms per dead resource met in a row, times the largest `max` (3 + 2) of poolcheck's workloads. */
const MAX_CHAIN_MS = 5;

export interface TarnPool {
  readonly pool: Pool<Connection>;
  /** Resources their borrower destroyed: `validate` refuses them. */
  readonly disposed: WeakSet<Connection>;
}

export const tarnAdapter: Adapter<TarnPool, Connection> = {
  contract: 2,
  name: 'tarn',
  pool: { name: 'tarn', version: installedVersion('tarn', import.meta.url) },
  claims: {
    acquireTimeout: {
      promised: 'acquire promises are rejected after this many milliseconds if a resource cannot be acquired',
      source: 'tarn README (acquireTimeoutMillis; the README shows 30000, the default in dist/Pool.js)',
    },
    fifo: {
      silent: 'the README promises no order; dist/Pool.js keeps pending acquires in a queue (push, shift) and puts one whose resource failed validation back at its head',
    },
    retention: { promised: 'Free resources are destroyed after this many milliseconds.', source: 'tarn README (idleTimeoutMillis)' },
    min: {
      silent: 'the README names `min` the "minimum size" but does not say the reaper keeps it; dist/Pool.js never reaps below min (minKeep)',
    },
    validation: {
      promised: 'Validates a connection before it is used. Return true or false from it. If false is returned, the resource is destroyed and another one is acquired.',
      source: 'tarn README (validate)',
    },
    'CLOSE-1': {
      silent: 'the README says pool.destroy() waits for all resources to be returned and destroys them, and that the pool cannot be used after it, but not what becomes of acquires pending or made after it',
    },
    fork: NODE_WORKER_FORK_CLAIM,
  },
  capabilities: {
    acquireTimeout: { covers: 'whole-acquire', defaultMs: 30_000 },
    perAcquireTimeout: false,
    fifo: 'every-caller',
    retention: { mode: 'idle-timeout', slackMs: REAP_MS },
    min: true,
    query: false,
    validation: true,
    fork: 'per-process',
    connectRetryMs: RETRY_MS,
    wakeUpSlackMs: MAX_CHAIN_MS,
  },
  create: (config, backend) => {
    const disposed = new WeakSet<Connection>();
    const pool = new Pool<Connection>({
      create: () => backend.connect(),
      destroy: (conn) => conn.close(),
      validate: (conn) => conn.alive && !disposed.has(conn),
      min: config.min,
      max: config.size + config.maxOverflow,
      ...(config.acquireTimeoutMs === null ? {} : { acquireTimeoutMillis: config.acquireTimeoutMs }),
      ...(config.idleTimeoutMs === null ? {} : { idleTimeoutMillis: config.idleTimeoutMs }),
      reapIntervalMillis: REAP_MS,
      createRetryIntervalMillis: RETRY_MS,
      propagateCreateError: true,
    });
    return { pool, disposed };
  },
  acquire: ({ pool }) => pool.acquire().promise,
  connection: (conn) => conn,
  // tarn's release returns false (and does nothing) for a resource that is not in use.
  release: ({ pool }, conn) => pool.release(conn),
  destroy: ({ pool, disposed }, conn) => {
    disposed.add(conn);
    return pool.release(conn);
  },
  close: ({ pool }) => pool.destroy(),
  classifyError: (error): ErrorClass => {
    if (error instanceof TimeoutError) return 'timeout';
    // `PendingOperation.abort()` rejects with this; the only caller the borrower can see is
    // `Pool.destroy()`, which aborts the acquires still pending when it gets to them.
    if (error instanceof Error && error.message === 'aborted') return 'closed';
    return 'other';
  },
};

export default tarnAdapter;
