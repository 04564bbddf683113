import type { Capabilities } from '../adapter/Adapter.ts';
import type { Profile } from '../options/resolveRunOptions.ts';
import type { Verdict } from './Verdict.ts';

/** What one adapter got: a verdict for every rule asked for, in catalogue order. */
export interface AdapterReport {
  readonly adapter: string;
  /** How to name the adapter on the command line, for replay commands. */
  readonly spec: string;
  readonly pool: { readonly name: string; readonly version: string };
  readonly capabilities: Capabilities;
  readonly mode: 'model';
  readonly profile: Profile;
  readonly numRuns: number;
  readonly seed: number;
  readonly verdicts: readonly Verdict[];
  readonly ms: number;
}
