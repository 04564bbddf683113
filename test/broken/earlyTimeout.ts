// Bug: early timeout. The acquire timer is armed with half the timeout (a ms/s or
// round-trip mix-up), so borrowers give up before their deadline. Caught by TIME-1.
import type { Lease, PooledConnection } from '../../adapters/reference/ReferencePool.ts';
import { BasePool } from './BasePool.ts';
import { brokenAdapter } from './brokenAdapter.ts';

class EarlyTimeout<C extends PooledConnection> extends BasePool<C> {
  override acquire(timeoutMs: number | null = this.options.acquireTimeoutMs): Promise<Lease<C>> {
    return super.acquire(timeoutMs === null ? null : timeoutMs / 2); // BUG: `/ 2`
  }
}

export const adapter = brokenAdapter('early-timeout', EarlyTimeout);
export const breaks: string[] = ['TIME-1'];
