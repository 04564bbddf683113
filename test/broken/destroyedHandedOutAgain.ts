// Bug: a destroyed connection is handed out again. destroy() puts the connection back on the idle
// list as release() does, instead of closing it. Caught by ERR-2.
import type { Lease, PooledConnection } from '../../adapters/reference/ReferencePool.ts';
import { BasePool } from './BasePool.ts';
import { brokenAdapter } from './brokenAdapter.ts';

class DestroyedHandedOutAgain<C extends PooledConnection> extends BasePool<C> {
  override destroy(lease: Lease<C>): void {
    this.checkOut(lease, 'destroy');
    this.checkIn(lease.conn); // BUG: the reference pool closes it
  }
}

export const adapter = brokenAdapter('destroyed-handed-out-again', DestroyedHandedOutAgain);
export const breaks: string[] = ['ERR-2'];
