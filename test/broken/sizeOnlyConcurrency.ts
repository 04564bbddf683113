// Bug: only `size` served at once. The pool never opens overflow connections (capacity is read as
// size, not size + maxOverflow), so borrowers beyond `size` wait although capacity is free.
// Caught by BOUND-3; by TIME-2 (they time out beside the free capacity); and by every rule that
// ends with the capacity probe, which borrows size + maxOverflow at once: TIME-3, LEAK-1, ERR-1,
// ERR-2, QUERY-1.
import type { PooledConnection } from '../../adapters/reference/ReferencePool.ts';
import { BasePool } from './BasePool.ts';
import { brokenAdapter } from './brokenAdapter.ts';

class SizeOnlyConcurrency<C extends PooledConnection> extends BasePool<C> {
  protected override get capacity(): number {
    return this.options.size; // BUG: `+ this.options.maxOverflow` missing
  }
}

export const adapter = brokenAdapter('size-only-concurrency', SizeOnlyConcurrency);
export const breaks: string[] = ['BOUND-3', 'TIME-2', 'TIME-3', 'LEAK-1', 'ERR-1', 'ERR-2', 'QUERY-1'];
