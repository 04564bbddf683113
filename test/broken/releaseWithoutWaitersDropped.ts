// Bug: a leak on the quiet path. A connection released when nobody waits and fewer than `size`
// are kept should go back to the idle list; it is dropped instead: neither idle nor closed, a
// server session nobody can use. Caught by LEAK-1 and by every other rule that counts server
// sessions: the pool opens new connections beside the dropped ones (BOUND-1), they stay open once
// quiet (BOUND-2) and after close (CLOSE-1), and the capacity probe finds them outside the pool's
// reach (TIME-3, ERR-1, ERR-2, QUERY-1).
import type { PooledConnection } from '../../adapters/reference/ReferencePool.ts';
import { BasePool } from './BasePool.ts';
import { brokenAdapter } from './brokenAdapter.ts';

class ReleaseWithoutWaitersDropped<C extends PooledConnection> extends BasePool<C> {
  protected override checkIn(conn: C): void {
    const kept = this.idle.length + this.leased.size + this.opening;
    if (this.closed || (this.waiters.length === 0 && kept >= this.options.size)) void conn.close();
    else if (this.waiters.length > 0) this.idle.push(conn);
    // BUG: else (nobody waits, fewer than `size` kept) the connection is dropped
    this.dispatch();
  }
}

export const adapter = brokenAdapter('release-without-waiters-dropped', ReleaseWithoutWaitersDropped);
export const breaks: string[] = ['BOUND-1', 'BOUND-2', 'TIME-3', 'LEAK-1', 'ERR-1', 'ERR-2', 'CLOSE-1', 'QUERY-1'];
