// Bug: bound checked before an await, where the await is a microtask (a hook that resolves at
// once). Only acquires made in one synchronous turn, as in Promise.all([acquire(), acquire()]),
// can slip in between: workloads make such turns with tasks marked `together`. Caught by BOUND-1.
import type { PooledConnection } from '../../adapters/reference/ReferencePool.ts';
import { BoundCheckedBeforeAwait } from './boundCheckedBeforeAwait.ts';
import { brokenAdapter } from './brokenAdapter.ts';

class BoundCheckedBeforeMicrotask<C extends PooledConnection> extends BoundCheckedBeforeAwait<C> {
  protected override async beforeConnect(): Promise<void> {}
}

export const adapter = brokenAdapter('bound-checked-before-microtask', BoundCheckedBeforeMicrotask);
export const breaks: string[] = ['BOUND-1'];
