// `--shard i/n`: one CI job's share of a command's work. Every shard of the same command plans the
// same (adapter, mode, rule) items in the same order (planRuns, then catalogue order) and takes
// every n-th of them, starting at the i-th. Round-robin rather than n consecutive slices: an
// adapter's rules differ widely in cost, and a slow adapter or mode (live, fork) is then spread
// over every shard instead of making one shard the slowest job of the pipeline.
// Each rule's verdict depends only on the adapter, the mode, the rule and the seed (checkRule
// seeds fast-check with the run's seed for every rule), so a shard judges its items exactly as
// the unsharded command would, and `poolcheck merge` reassembles the same reports.
import { PoolcheckError } from '../errors.ts';

export interface Shard {
  /** From 1. */
  readonly index: number;
  readonly count: number;
}

export function parseShard(flag: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(flag.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || index < 1 || index > count) {
    throw new PoolcheckError('POOLCHECK_USAGE', `Expected --shard to be i/n with 1 ≤ i ≤ n (e.g. 2/4), got \`${flag}\``);
  }
  return { index, count };
}

/** The items shard `index` of `count` takes: every count-th, starting at the index-th, in order. */
export function shareOf<T>(items: readonly T[], { index, count }: Shard): T[] {
  return items.filter((_, k) => k % count === index - 1);
}
