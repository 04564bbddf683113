// Bug: close forgets idle connections. close() rejects the waiters but leaves the idle
// connections open at the server. Caught by CLOSE-1.
import type { PooledConnection } from '../../adapters/reference/ReferencePool.ts';
import { PoolClosedError } from '../../adapters/reference/ReferencePool.ts';
import { BasePool } from './BasePool.ts';
import { brokenAdapter } from './brokenAdapter.ts';

class CloseForgetsIdle<C extends PooledConnection> extends BasePool<C> {
  override close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) this.settle(waiter, null, new PoolClosedError('the pool was closed while waiting'));
    // BUG: the idle connections are not closed
    return Promise.resolve();
  }
}

export const adapter = brokenAdapter('close-forgets-idle', CloseForgetsIdle);
export const breaks: string[] = ['CLOSE-1'];
