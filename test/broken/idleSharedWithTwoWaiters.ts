// Bug: two borrowers on one connection. When more than one waiter is queued, the first is handed
// the front idle connection without taking it off the idle list, so the next waiter gets it too.
// Caught by EXCL-1, by EXCL-2 (its workloads share too), and by ERR-2: when one sharer destroys
// the connection after the other released it, the pool refuses the destroy and hands it out again.
import { Lease, type PooledConnection } from '../../adapters/reference/ReferencePool.ts';
import { BasePool } from './BasePool.ts';
import { brokenAdapter } from './brokenAdapter.ts';

class IdleSharedWithTwoWaiters<C extends PooledConnection> extends BasePool<C> {
  protected override dispatch(): void {
    if (this.closed) return;
    while (this.waiters.length > 0 && this.idle.length > 0) {
      const conn = this.waiters.length > 1 ? this.idle[0]! : this.idle.shift()!; // BUG: peeks instead of shift()
      if (!conn.alive) {
        void conn.close();
        continue;
      }
      this.leased.add(conn);
      this.settle(this.waiters.shift()!, new Lease(conn), null);
    }
    while (this.waiters.length > this.opening && this.idle.length + this.leased.size + this.opening < this.capacity) {
      this.open();
    }
  }
}

export const adapter = brokenAdapter('idle-shared-with-two-waiters', IdleSharedWithTwoWaiters);
export const breaks: string[] = ['EXCL-1', 'EXCL-2', 'ERR-2'];
