// Bug: close() awaits the connects under way. It rejects the waiters and closes the idle
// connections, then waits for every connect it started to settle before it resolves, so that
// nothing it opened is left behind. A connect to a host that swallows packets never settles, and
// neither does close(). Caught by CLOSE-1 ("close() never settled"), and only with connects that
// hang: a connect that fails, stalls or succeeds settles in time.
import type { PooledConnection } from '../../adapters/reference/ReferencePool.ts';
import { BasePool } from './BasePool.ts';
import { brokenAdapter } from './brokenAdapter.ts';

class CloseAwaitsConnects<C extends PooledConnection> extends BasePool<C> {
  private readonly connecting = new Set<Promise<C>>();

  protected override open(): void {
    this.opening++;
    const connect = this.options.connect();
    this.connecting.add(connect);
    connect.then(
      (conn) => {
        this.connecting.delete(connect);
        this.opening--;
        this.checkIn(conn);
      },
      (error: Error) => {
        this.connecting.delete(connect);
        this.opening--;
        const waiter = this.waiters.shift();
        if (waiter) this.settle(waiter, null, error);
        this.dispatch();
      },
    );
  }

  override async close(): Promise<void> {
    await super.close();
    // BUG: a connect that never settles keeps close() pending for ever.
    await Promise.allSettled([...this.connecting]);
  }
}

export const adapter = brokenAdapter('close-awaits-connects', CloseAwaitsConnects);
export const breaks: string[] = ['CLOSE-1'];
