// Bug: a queue-only acquire timeout that fires 5 ms late: a caller queued with nothing being
// opened for it waits past its deadline. Declared `covers: 'queue-only'`, which excuses time
// spent on a connect but not this. Caught by TIME-1.
import type { PooledConnection } from '../../adapters/reference/ReferencePool.ts';
import { brokenAdapter } from './brokenAdapter.ts';
import { QueueOnlyPool } from './QueueOnlyPool.ts';

class QueuedPastDeadline<C extends PooledConnection> extends QueueOnlyPool<C> {
  protected override queueTimerMs(leftMs: number): number {
    return leftMs + 5; // BUG: `+ 5`
  }
}

export const adapter = brokenAdapter('queued-past-deadline', QueuedPastDeadline, { acquireTimeout: { covers: 'queue-only', defaultMs: null } });
export const breaks: string[] = ['TIME-1'];
