// Every broken pool is the reference pool with one method overridden to hold its bug; the
// reference pool's members are protected for exactly this.
import { type PooledConnection, ReferencePool } from '../../adapters/reference/ReferencePool.ts';

export type { Waiter } from '../../adapters/reference/ReferencePool.ts';

export class BasePool<C extends PooledConnection> extends ReferencePool<C> {}
