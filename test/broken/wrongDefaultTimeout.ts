// Bug: the pool's own acquire timeout, used when none is configured, is 45 ms while the adapter
// declares (as its documentation would) a default of 40 ms: a borrower waits past the default.
// Caught by TIME-1, which judges acquires against `acquireTimeout.defaultMs` when the
// configuration leaves the timeout unset.
import type { Lease, PooledConnection } from '../../adapters/reference/ReferencePool.ts';
import { BasePool } from './BasePool.ts';
import { brokenAdapter } from './brokenAdapter.ts';

const DECLARED_DEFAULT_MS = 40;

class WrongDefaultTimeout<C extends PooledConnection> extends BasePool<C> {
  override acquire(timeoutMs: number | null = this.options.acquireTimeoutMs ?? DECLARED_DEFAULT_MS + 5): Promise<Lease<C>> {
    return super.acquire(timeoutMs); // BUG: the default is `+ 5` off what is declared
  }
}

export const adapter = brokenAdapter('wrong-default-timeout', WrongDefaultTimeout, { acquireTimeout: { covers: 'whole-acquire', defaultMs: DECLARED_DEFAULT_MS } });
export const breaks: string[] = ['TIME-1'];
