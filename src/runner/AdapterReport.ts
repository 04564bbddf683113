import type { Capabilities } from '../adapter/Adapter.ts';
import type { Profile } from '../options/resolveRunOptions.ts';
import type { Verdict } from './Verdict.ts';

export interface LiveInfo {
  readonly database: {
    readonly url: string;
    readonly serverVersion: string;
    readonly provision: 'url' | 'testcontainers' | 'embedded';
    /** The `--db` argument (one shell word) that judges against this database again; absent for SQLite (see replayDbFlag). */
    readonly db?: string;
  };
  readonly tolerance: { readonly wakeUpMs: number; readonly timeoutMs: number; readonly connectMs: number; readonly scale: number; readonly jitterMs: number };
}

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

/** What one adapter got: a verdict for every rule asked for, in catalogue order. */
export interface AdapterReport {
  readonly adapter: string;
  /** How to name the adapter on the command line, for replay commands. */
  readonly spec: string;
  readonly pool: { readonly name: string; readonly version: string };
  readonly capabilities: Capabilities;
  readonly mode: 'model' | 'live' | 'fork';
  /** Live mode: where the rules were judged, and with which timing tolerances. */
  readonly live?: LiveInfo;
  readonly profile: Profile;
  readonly numRuns: number;
  readonly seed: number;
  readonly verdicts: readonly Verdict[];
  readonly ms: number;
  /** Set in a sharded run only: then `verdicts` holds this shard's rules, not every rule asked for. */
  readonly shard?: ShardPart;
}
