// Bug: close leaves waiters hanging. close() closes the idle connections but never rejects the
// borrowers still waiting, and a closed pool no longer serves anyone. Caught by SETTLE-1 and
// CLOSE-1.
import type { PooledConnection } from '../../adapters/reference/ReferencePool.ts';
import { BasePool } from './BasePool.ts';
import { brokenAdapter } from './brokenAdapter.ts';

class CloseLeavesWaitersHanging<C extends PooledConnection> extends BasePool<C> {
  override async close(): Promise<void> {
    this.closed = true; // BUG: the waiters are not rejected
    await Promise.all(this.idle.splice(0).map((conn) => conn.close()));
  }
}

export const adapter = brokenAdapter('close-leaves-waiters-hanging', CloseLeavesWaitersHanging);
export const breaks: string[] = ['SETTLE-1', 'CLOSE-1'];
