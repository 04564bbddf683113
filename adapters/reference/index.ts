// Adapter for poolcheck's reference pool: it claims everything, and passes every rule.
import type { Adapter } from '../../src/adapter/Adapter.ts';
import type { Connection } from '../../src/adapter/Backend.ts';
import { type Lease, PoolClosedError, PoolTimeoutError, ReferencePool } from './ReferencePool.ts';

export const referenceAdapter: Adapter<ReferencePool<Connection>, Lease<Connection>> = {
  contract: 2,
  name: 'reference',
  pool: { name: 'poolcheck reference pool', version: '1' },
  claims: {
    acquireTimeout: {
      promised: 'waiters are served first come, first served, and give up after the acquire timeout with a PoolTimeoutError',
      source: 'adapters/reference/ReferencePool.ts (its opening comment)',
    },
    perAcquireTimeout: { silent: "poolcheck's own pool: `acquire(timeoutMs)` takes a timeout of its own in place of the pool's" },
    fifo: { promised: 'waiters are served first come, first served', source: 'adapters/reference/ReferencePool.ts (its opening comment)' },
    retention: { promised: 'up to `maxOverflow` more are opened under load and closed when returned', source: 'adapters/reference/ReferencePool.ts (its opening comment)' },
    query: { silent: "poolcheck's own pool: `query(sql)` releases its lease in a `finally`" },
    validation: { silent: "poolcheck's own pool: `dispatch()` closes a connection the server killed instead of handing it out" },
    'CLOSE-1': {
      promised: 'close rejects waiters with a PoolClosedError and closes every connection, the borrowed ones as they come back',
      source: 'adapters/reference/ReferencePool.ts (its opening comment)',
    },
  },
  capabilities: {
    acquireTimeout: { covers: 'whole-acquire', defaultMs: null },
    perAcquireTimeout: true,
    fifo: 'every-caller',
    retention: { mode: 'on-release' },
    min: false,
    query: true,
    validation: true,
    fork: null,
    connectRetryMs: 0,
    wakeUpSlackMs: 0,
  },
  create: (config, backend) =>
    new ReferencePool({
      size: config.size,
      maxOverflow: config.maxOverflow,
      acquireTimeoutMs: config.acquireTimeoutMs,
      connect: () => backend.connect(),
    }),
  acquire: (pool, options) => pool.acquire(options.timeoutMs),
  connection: (lease) => lease.conn,
  release: (pool, lease) => pool.release(lease),
  destroy: (pool, lease) => pool.destroy(lease),
  close: (pool) => pool.close(),
  query: (pool, sql) => pool.query(sql),
  classifyError: (error) =>
    error instanceof PoolTimeoutError ? 'timeout' : error instanceof PoolClosedError ? 'closed' : 'other',
};

export default referenceAdapter;
