// Bug: bound checked before an await, where the await is a microtask (a hook that resolves at
// once). Only acquires made in one synchronous turn, as in Promise.all([acquire(), acquire()]),
// can slip in between. Should be caught by BOUND-1 but is NOT yet: model mode starts every task
// from its own timer and drains the microtask queue between timers, as Node does, so two acquires
// never share a turn. test/brokenPools.test.ts keeps this as an expected failure until the
// runner can start a burst of acquires in one turn.
import type { PooledConnection } from '../../adapters/reference/ReferencePool.ts';
import { BoundCheckedBeforeAwait } from './boundCheckedBeforeAwait.ts';
import { brokenAdapter } from './brokenAdapter.ts';

class BoundCheckedBeforeMicrotask<C extends PooledConnection> extends BoundCheckedBeforeAwait<C> {
  protected override async beforeConnect(): Promise<void> {}
}

export const adapter = brokenAdapter('bound-checked-before-microtask', BoundCheckedBeforeMicrotask);
export const breaks: string[] = ['BOUND-1'];
