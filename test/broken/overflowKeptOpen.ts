// Bug: overflow kept open. A returned connection is kept idle whenever capacity allows, so the
// connections opened for a burst stay open once the pool is quiet. Caught by BOUND-2.
import type { PooledConnection } from '../../adapters/reference/ReferencePool.ts';
import { BasePool } from './BasePool.ts';
import { brokenAdapter } from './brokenAdapter.ts';

class OverflowKeptOpen<C extends PooledConnection> extends BasePool<C> {
  protected override checkIn(conn: C): void {
    if (this.closed) void conn.close();
    else this.idle.push(conn); // BUG: the reference pool closes it when nobody waits and `size` are kept
    this.dispatch();
  }
}

export const adapter = brokenAdapter('overflow-kept-open', OverflowKeptOpen);
export const breaks: string[] = ['BOUND-2'];
