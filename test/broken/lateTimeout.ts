// Bug: late timeout. The acquire timer fires 5 ms after the deadline (a reaper-style check on a
// coarse interval), so a borrower waits past its timeout. Caught by TIME-1.
import type { Lease, PooledConnection } from '../../adapters/reference/ReferencePool.ts';
import { BasePool } from './BasePool.ts';
import { brokenAdapter } from './brokenAdapter.ts';

class LateTimeout<C extends PooledConnection> extends BasePool<C> {
  override acquire(timeoutMs: number | null = this.options.acquireTimeoutMs): Promise<Lease<C>> {
    return super.acquire(timeoutMs === null ? null : timeoutMs + 5); // BUG: `+ 5`
  }
}

export const adapter = brokenAdapter('late-timeout', LateTimeout);
export const breaks: string[] = ['TIME-1'];
