// Bug: bound checked before an await. dispatch() decides how many connections to open, then each
// open first awaits a turn of the event loop (a "before connect" hook) and only then counts itself
// as under way; a dispatch in between sees the same room and opens it again, past
// size + maxOverflow. Caught by BOUND-1.
import { Lease, type PooledConnection } from '../../adapters/reference/ReferencePool.ts';
import { BasePool } from './BasePool.ts';
import { brokenAdapter } from './brokenAdapter.ts';

export class BoundCheckedBeforeAwait<C extends PooledConnection> extends BasePool<C> {
  protected override dispatch(): void {
    if (this.closed) return;
    while (this.waiters.length > 0 && this.idle.length > 0) {
      const conn = this.idle.shift()!;
      if (!conn.alive) {
        void conn.close();
        continue;
      }
      this.leased.add(conn);
      this.settle(this.waiters.shift()!, new Lease(conn), null);
    }
    const room = this.capacity - (this.idle.length + this.leased.size + this.opening);
    const wanted = Math.min(this.waiters.length - this.opening, room);
    for (let i = 0; i < wanted; i++) void this.beforeConnect().then(() => this.open()); // BUG: counted after the await
  }

  protected beforeConnect(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
  }
}

export const adapter = brokenAdapter('bound-checked-before-await', BoundCheckedBeforeAwait);
export const breaks: string[] = ['BOUND-1'];
