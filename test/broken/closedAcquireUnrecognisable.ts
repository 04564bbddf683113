// Bug: an acquire on a closed pool fails with an unrecognisable error. close() itself is clean
// (waiters rejected with the pool's closed error, every connection closed), but a later acquire
// rejects with a plain Error, so callers cannot tell "the pool is gone" from any other failure.
// Caught by CLOSE-1 (an acquire after close is rejected with a recognisable closed-pool error).
import { type Lease, type PooledConnection } from '../../adapters/reference/ReferencePool.ts';
import { BasePool } from './BasePool.ts';
import { brokenAdapter } from './brokenAdapter.ts';

class ClosedAcquireUnrecognisable<C extends PooledConnection> extends BasePool<C> {
  override acquire(timeoutMs?: number | null): Promise<Lease<C>> {
    if (this.closed) return Promise.reject(new Error('cannot acquire: the pool is closed')); // BUG: not a PoolClosedError
    return super.acquire(timeoutMs);
  }
}

export const adapter = brokenAdapter('closed-acquire-unrecognisable', ClosedAcquireUnrecognisable);
export const breaks: string[] = ['CLOSE-1'];
