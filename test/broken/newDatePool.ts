// A control, not a broken pool: MinPool timing its idle connections with `new Date().getTime()`
// instead of `Date.now()`, as some pools do. Nothing is wrong with that, so it must pass every
// rule, BOUND-2 included; it failed BOUND-2 while model mode's clock covered only Date.now and
// performance.now (its idle connections never aged on virtual time, so none was ever closed).
import type { PooledConnection } from '../../adapters/reference/ReferencePool.ts';
import { brokenAdapter } from './brokenAdapter.ts';
import { MinPool } from './MinPool.ts';

class NewDatePool<C extends PooledConnection> extends MinPool<C> {
  protected override now(): number {
    return new Date().getTime();
  }
}

export const adapter = brokenAdapter('new-date-pool', NewDatePool, { min: true, retention: { mode: 'idle-timeout', slackMs: 0 } });
export const breaks: string[] = [];
