// Bug: close() never settles when anything was borrowed. close() rejects the waiters and closes
// the idle connections, then waits for the borrowed ones to come back; they do (and are closed),
// but nothing ever tells close, so its promise stays pending and a shutdown awaiting it hangs.
// Caught by CLOSE-1 (close never settling although every borrower gave back what it held).
import { type PooledConnection } from '../../adapters/reference/ReferencePool.ts';
import { BasePool } from './BasePool.ts';
import { brokenAdapter } from './brokenAdapter.ts';

class CloseNeverSettles<C extends PooledConnection> extends BasePool<C> {
  override async close(): Promise<void> {
    const borrowed = this.leased.size;
    await super.close();
    // BUG: the promise meant to resolve once the borrowed connections are back is never resolved.
    if (borrowed > 0) await new Promise<void>(() => {});
  }
}

export const adapter = brokenAdapter('close-never-settles', CloseNeverSettles);
export const breaks: string[] = ['CLOSE-1'];
