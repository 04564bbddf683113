// Bug: LIFO waiters. A new waiter joins the front of the queue, so the latest arrival is served
// first and an early one can starve. Caught by WAIT-2.
import { type Lease, PoolClosedError, PoolTimeoutError, type PooledConnection } from '../../adapters/reference/ReferencePool.ts';
import { BasePool, type Waiter } from './BasePool.ts';
import { brokenAdapter } from './brokenAdapter.ts';

class LifoWaiters<C extends PooledConnection> extends BasePool<C> {
  override acquire(timeoutMs: number | null = this.options.acquireTimeoutMs): Promise<Lease<C>> {
    if (this.closed) return Promise.reject(new PoolClosedError('the pool is closed'));
    return new Promise<Lease<C>>((resolve, reject) => {
      const waiter: Waiter<C> = { resolve, reject, timer: null };
      if (timeoutMs !== null) {
        waiter.timer = setTimeout(() => {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          reject(new PoolTimeoutError(`no connection became available within ${timeoutMs} ms`));
          this.dispatch();
        }, timeoutMs);
      }
      this.waiters.unshift(waiter); // BUG: the reference pool pushes
      this.dispatch();
    });
  }
}

export const adapter = brokenAdapter('lifo-waiters', LifoWaiters);
export const breaks: string[] = ['WAIT-2'];
