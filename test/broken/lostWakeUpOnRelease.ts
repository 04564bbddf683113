// Bug: lost wake-up on release. A released connection goes back to the idle list without waking
// the waiters, who keep waiting beside it until some other event dispatches. Caught by WAIT-1 and
// TIME-2 (a waiter with a timeout gives up beside it), and by BOUND-2: a connection parked this
// way, and one opened meanwhile for the same waiter, both stay idle past `size` once the pool is
// quiet.
import type { Lease, PooledConnection } from '../../adapters/reference/ReferencePool.ts';
import { BasePool } from './BasePool.ts';
import { brokenAdapter } from './brokenAdapter.ts';

class LostWakeUpOnRelease<C extends PooledConnection> extends BasePool<C> {
  override release(lease: Lease<C>): void {
    this.checkOut(lease, 'release');
    const kept = this.idle.length + this.leased.size + this.opening;
    if (this.closed || (this.waiters.length === 0 && kept >= this.options.size)) void lease.conn.close();
    else this.idle.push(lease.conn); // BUG: no `this.dispatch()` after this
  }
}

export const adapter = brokenAdapter('lost-wake-up-on-release', LostWakeUpOnRelease);
export const breaks: string[] = ['BOUND-2', 'WAIT-1', 'TIME-2'];
