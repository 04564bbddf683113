// Bug: no wake-up after destroy. Destroying a connection frees its slot but does not open a
// replacement for the waiters, who wait beside the free capacity. Caught by WAIT-1, and by TIME-2
// when such a waiter has a timeout.
import type { Lease, PooledConnection } from '../../adapters/reference/ReferencePool.ts';
import { BasePool } from './BasePool.ts';
import { brokenAdapter } from './brokenAdapter.ts';

class NoWakeUpAfterDestroy<C extends PooledConnection> extends BasePool<C> {
  override destroy(lease: Lease<C>): void {
    this.checkOut(lease, 'destroy');
    void lease.conn.close(); // BUG: no `this.dispatch()` after this
  }
}

export const adapter = brokenAdapter('no-wake-up-after-destroy', NoWakeUpAfterDestroy);
export const breaks: string[] = ['WAIT-1', 'TIME-2'];
