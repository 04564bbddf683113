// Bug: the queue of callers that found the pool full is served last come, first served, while
// callers at free capacity get their own connection as pg-pool's do (OwnConnectionPool). Declared
// fifo 'when-full', so only the queue is judged, and the queue is out of order. Caught by WAIT-2.
import type { PooledConnection, ReferencePoolOptions } from '../../adapters/reference/ReferencePool.ts';
import { brokenAdapter } from './brokenAdapter.ts';
import { OwnConnectionPool } from './OwnConnectionPool.ts';

class LifoQueueWhenFull<C extends PooledConnection> extends OwnConnectionPool<C> {
  constructor(options: ReferencePoolOptions<C>) {
    super(options);
    // BUG: the queue is pushed at the front and served from the front: a stack.
    const waiters = this.waiters as unknown[];
    waiters.push = (...items: unknown[]) => waiters.unshift(...items);
  }
}

export const adapter = brokenAdapter('lifo-queue-when-full', LifoQueueWhenFull, { fifo: 'when-full' });
export const breaks: string[] = ['WAIT-2'];
