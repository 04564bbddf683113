// Bug: a timed-out waiter is still fed. The timeout is a Promise.race around an acquire that has
// no timeout of its own, so the waiter stays queued after its caller gave up; the connection it
// later gets is handed to nobody and is lost to the pool. Caught by TIME-3, and by what the lost
// connection does next: the other waiters wait beside it (WAIT-1, TIME-2), the capacity probe
// finds it missing (ERR-1, ERR-2) and close() leaves its session open (CLOSE-1).
import { type Lease, PoolTimeoutError, type PooledConnection } from '../../adapters/reference/ReferencePool.ts';
import { BasePool } from './BasePool.ts';
import { brokenAdapter } from './brokenAdapter.ts';

class TimedOutWaiterFed<C extends PooledConnection> extends BasePool<C> {
  override acquire(timeoutMs: number | null = this.options.acquireTimeoutMs): Promise<Lease<C>> {
    const lease = super.acquire(null);
    if (timeoutMs === null) return lease;
    // BUG: the race rejects the caller but leaves the waiter in the queue.
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new PoolTimeoutError(`no connection became available within ${timeoutMs} ms`)), timeoutMs),
    );
    return Promise.race([lease, timeout]);
  }
}

export const adapter = brokenAdapter('timed-out-waiter-fed', TimedOutWaiterFed);
export const breaks: string[] = ['WAIT-1', 'TIME-2', 'TIME-3', 'ERR-1', 'ERR-2', 'CLOSE-1'];
