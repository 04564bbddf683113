// Bug: a failed connect is retried in silence. When opening a connection fails, the pool tries
// again at once and tells no borrower, so a borrower waiting through an outage never hears of it
// (only a timeout, if it set one, ends its wait); once the server recovers it is served as if
// nothing had happened. Caught by ERR-1 (a failed connect made for a waiting borrower reaches a
// borrower as that error or a timeout).
import type { PooledConnection } from '../../adapters/reference/ReferencePool.ts';
import { BasePool } from './BasePool.ts';
import { brokenAdapter } from './brokenAdapter.ts';

class ConnectRetriedSilently<C extends PooledConnection> extends BasePool<C> {
  protected override open(): void {
    this.opening++;
    this.options.connect().then(
      (conn) => {
        this.opening--;
        this.checkIn(conn);
      },
      () => {
        this.opening--;
        this.dispatch(); // BUG: the error reaches no waiter; dispatch just opens again
      },
    );
  }
}

export const adapter = brokenAdapter('connect-retried-silently', ConnectRetriedSilently);
export const breaks: string[] = ['ERR-1'];
