// Bug: a timeout with an unrecognisable error. The timeout is on time but rejects with a plain
// Error, so callers (and the adapter's classifyError) cannot tell it from any other failure.
// Caught by TIME-1, and by ERR-1 (a borrower must get the connect error or a timeout). It loses
// no connection, so the capacity probe (which retries a borrower after any failure) finds nothing.
import { type Lease, PoolTimeoutError, type PooledConnection } from '../../adapters/reference/ReferencePool.ts';
import { BasePool } from './BasePool.ts';
import { brokenAdapter } from './brokenAdapter.ts';

class AnonymousTimeout<C extends PooledConnection> extends BasePool<C> {
  override acquire(timeoutMs?: number | null): Promise<Lease<C>> {
    return super.acquire(timeoutMs).catch((error: unknown) => {
      throw error instanceof PoolTimeoutError ? new Error(error.message) : error; // BUG: loses the class
    });
  }
}

export const adapter = brokenAdapter('anonymous-timeout', AnonymousTimeout);
export const breaks: string[] = ['TIME-1', 'ERR-1'];
