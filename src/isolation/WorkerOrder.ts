// The contract between the main thread and the worker thread that judges a pool (src/isolation/):
// what the worker is asked to judge, and what it reports back, as plain data (it crosses threads
// by structured clone). The adapter travels by its spec (built-in name or path) and is loaded in
// the worker; a live database travels as what is needed to connect to it.
import type { DatabaseAddress } from '../live/database/Database.ts';
import type { RunOptions } from '../options/resolveRunOptions.ts';
import type { LiveInfo } from '../runner/AdapterReport.ts';
import type { Verdict } from '../runner/Verdict.ts';

/** Live mode: on a database the main thread provisioned, or on SQLite (a file in a temporary directory of the worker's). */
export type LiveOrder = DatabaseAddress | { readonly kind: 'sqlite' };

export interface WorkerOrder {
  /** How loadAdapter finds the adapter: a built-in name or a module path. */
  readonly spec: string;
  /** The rules to judge, in order: those the previous worker of this adapter did not get to. */
  readonly options: RunOptions;
  /** Live mode on this database; null: model mode. */
  readonly live: LiveOrder | null;
  /** Fork mode (on `live`, PostgreSQL): the cross-process rules. */
  readonly fork?: boolean;
  /** The adapter hung in an earlier worker: this message, and no workload of it is run again. */
  readonly hung: string | null;
  /** The SharedBeacon's memory. */
  readonly beacon: SharedArrayBuffer;
}

export type WorkerReport =
  /** The worker's heartbeat runs: from now on, silence means the pool does not yield. */
  | { readonly kind: 'started' }
  /** Live mode: the runner is open; its sessions carry the tag of `runId`. */
  | { readonly kind: 'live'; readonly runId: string; readonly info: LiveInfo }
  /** Live mode: one workload finished (for the progress display). */
  | { readonly kind: 'workload' }
  | { readonly kind: 'verdict'; readonly verdict: Verdict }
  /** Every rule judged and the live runner closed: the worker may be terminated. */
  | { readonly kind: 'done' }
  /** The environment, not the pool, stopped the judging (exit 2 on the command line). */
  | { readonly kind: 'environment'; readonly code: string; readonly message: string };
