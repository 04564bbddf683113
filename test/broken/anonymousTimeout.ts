// Bug: a timeout with an unrecognisable error. The timeout is on time but rejects with a plain
// Error, so callers (and the adapter's classifyError) cannot tell it from any other failure.
// Caught by TIME-1, and by ERR-1 (a borrower must get the connect error or a timeout). TIME-3 and
// ERR-2 fail it too, though this pool loses no connection: the runner's capacity probe retries a
// probe borrower only after a recognisable timeout, so a probe borrower that times out on a slow
// connect gives up, and the probe then misses capacity or finds that connection outside its hands.
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
export const breaks: string[] = ['TIME-1', 'TIME-3', 'ERR-1', 'ERR-2'];
