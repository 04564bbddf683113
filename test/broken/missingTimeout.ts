// Bug: missing timeout. The acquire timer is never armed (the option is read under a name the
// pool does not use), so a borrower that cannot be served waits past its deadline, for as long as
// it takes. Caught by TIME-1.
import type { Lease, PooledConnection } from '../../adapters/reference/ReferencePool.ts';
import { BasePool } from './BasePool.ts';
import { brokenAdapter } from './brokenAdapter.ts';

class MissingTimeout<C extends PooledConnection> extends BasePool<C> {
  override acquire(): Promise<Lease<C>> {
    return super.acquire(null); // BUG: no timeout
  }
}

export const adapter = brokenAdapter('missing-timeout', MissingTimeout);
export const breaks: string[] = ['TIME-1'];
