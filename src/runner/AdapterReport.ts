import type { Capabilities } from '../adapter/Adapter.ts';
import type { Profile } from '../options/resolveRunOptions.ts';
import type { ShardPart } from '../options/ShardPart.ts';

export type { ShardPart };
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
