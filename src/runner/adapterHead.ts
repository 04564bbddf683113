// What a report says about an adapter's run before any rule is judged: the adapter, its pool,
// what it claims, the mode and the options. Built where the rules are judged (judgeAdapter) and,
// when they are judged in a worker thread, by the main thread that reports them (src/isolation/).
import type { LoadedAdapter } from '../adapter/loadAdapter.ts';
import { runsPerRule, type RunOptions } from '../options/resolveRunOptions.ts';
import type { AdapterHead } from '../reports/Reporter.ts';
import type { LiveInfo } from './AdapterReport.ts';

/** `live`: live or fork mode, with where and how it judges, or without (its database is not here). */
export function adapterHead({ adapter, spec }: LoadedAdapter, options: RunOptions, live?: { readonly info?: LiveInfo; readonly fork?: boolean }): AdapterHead {
  const mode = live?.fork ? 'fork' : live ? 'live' : 'model';
  return {
    adapter: adapter.name,
    spec,
    pool: adapter.pool,
    capabilities: adapter.capabilities,
    mode,
    ...(live?.info ? { live: live.info } : {}),
    profile: options.profile,
    numRuns: runsPerRule(options, mode),
    seed: options.seed,
    ...(options.shard ? { shard: options.shard } : {}),
  };
}
