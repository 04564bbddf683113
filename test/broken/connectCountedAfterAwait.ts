// Bug: a new connection counted nowhere across an await. When a connect completes, the pool
// stops counting it as opening, then awaits a hook of its own (on the Promise implementation it
// was given) before it counts it as idle. With native promises the hook's continuation runs as a
// microtask, before any other caller's code, so the gap never shows; with a deferring Promise
// (bluebird-like, the continuation on a later macrotask) a caller arriving at that instant sees
// the room and opens another connection, past size + maxOverflow. Caught by BOUND-1, and only on
// the deferring Promise: the pool declares `promiseLibrary`.
import type { PooledConnection, ReferencePoolOptions } from '../../adapters/reference/ReferencePool.ts';
import type { PoolConfig, PoolRuntime } from '../../src/adapter/Adapter.ts';
import { BasePool } from './BasePool.ts';
import { brokenAdapter } from './brokenAdapter.ts';

class ConnectCountedAfterAwait<C extends PooledConnection> extends BasePool<C> {
  private readonly Promise: PromiseConstructor;

  constructor(options: ReferencePoolOptions<C>, _config: PoolConfig, runtime: PoolRuntime) {
    super(options);
    this.Promise = runtime.Promise;
  }

  protected override open(): void {
    this.opening++;
    this.options.connect().then(
      async (conn) => {
        this.opening--; // BUG: no longer counted, and not yet idle, across the await below
        await this.afterConnect();
        this.checkIn(conn);
      },
      (error: Error) => {
        this.opening--;
        const waiter = this.waiters.shift();
        if (waiter) this.settle(waiter, null, error);
        this.dispatch();
      },
    );
  }

  /** A hook run on each new connection, on the pool's own Promise. */
  private afterConnect(): Promise<void> {
    return this.Promise.resolve();
  }
}

export const adapter = brokenAdapter('connect-counted-after-await', ConnectCountedAfterAwait, { promiseLibrary: true });
export const breaks: string[] = ['BOUND-1'];
