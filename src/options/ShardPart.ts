/**
 * A sharded run's report (`--shard i/n`): which share of the command it holds, so that
 * `poolcheck merge` can tell a missing or repeated shard from a complete set.
 */
export interface ShardPart {
  /** This shard, from 1, of `count`. */
  readonly index: number;
  readonly count: number;
  /** How many (adapter, mode, rule) items the whole command has, over every shard. */
  readonly items: number;
  /** This (adapter, mode)'s place in the command's plan, from 0: the merged summary's row order. */
  readonly position: number;
}
