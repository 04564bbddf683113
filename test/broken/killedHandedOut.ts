// Bug: no validation although the adapter declares it. An idle connection is handed out without
// checking that it is still alive, so a session the server killed goes to the next borrower.
// Caught by ERR-2.
import { Lease, type PooledConnection } from '../../adapters/reference/ReferencePool.ts';
import { BasePool } from './BasePool.ts';
import { brokenAdapter } from './brokenAdapter.ts';

class KilledHandedOut<C extends PooledConnection> extends BasePool<C> {
  protected override dispatch(): void {
    if (this.closed) return;
    while (this.waiters.length > 0 && this.idle.length > 0) {
      const conn = this.idle.shift()!; // BUG: no `conn.alive` check
      this.leased.add(conn);
      this.settle(this.waiters.shift()!, new Lease(conn), null);
    }
    while (this.waiters.length > this.opening && this.idle.length + this.leased.size + this.opening < this.capacity) {
      this.open();
    }
  }
}

export const adapter = brokenAdapter('killed-handed-out', KilledHandedOut);
export const breaks: string[] = ['ERR-2'];
