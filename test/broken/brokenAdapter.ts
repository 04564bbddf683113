// Builds an adapter for a broken pool (or a control pool) the way adapters/reference/index.ts
// builds the reference pool's: the same capabilities unless a pool declares otherwise, so that a
// broken pool is judged by exactly the rules the reference pool is.
import { referenceAdapter } from '../../adapters/reference/index.ts';
import type { Lease } from '../../adapters/reference/ReferencePool.ts';
import type { Adapter, Capabilities, PoolConfig, PoolRuntime } from '../../src/adapter/Adapter.ts';
import type { Connection } from '../../src/adapter/Backend.ts';
import type { BasePool } from './BasePool.ts';

export type PoolClass = new (
  options: { size: number; maxOverflow: number; acquireTimeoutMs: number | null; connect: () => Promise<Connection> },
  config: PoolConfig,
  runtime: PoolRuntime,
) => BasePool<Connection>;

export function brokenAdapter(
  name: string,
  Pool: PoolClass,
  capabilities: Partial<Capabilities> = {},
): Adapter<BasePool<Connection>, Lease<Connection>> {
  // The reference adapter's mapping, with the broken pool's class in place of the reference's.
  return {
    ...referenceAdapter,
    name,
    pool: { name: `poolcheck broken pool ${name}`, version: '1' },
    capabilities: { ...referenceAdapter.capabilities, ...capabilities },
    create: (config, backend, runtime) =>
      new Pool(
        { size: config.size, maxOverflow: config.maxOverflow, acquireTimeoutMs: config.acquireTimeoutMs, connect: () => backend.connect() },
        config,
        runtime,
      ),
  };}
