// The adapter contract, version 2. It mirrors spec/adapter-contract.md: keep the two in step.
// Version 1 adapters are still accepted: validateAdapter maps them onto version 2 (see upgradeV1).
import type { Connection, Backend } from './Backend.ts';

/** poolcheck's neutral pool configuration, mapped by each adapter onto its pool's own options. */
export interface PoolConfig {
  /** Connections kept open once the pool is quiet (SQLAlchemy's pool_size). */
  readonly size: number;
  /** Extra connections opened under load; capacity is size + maxOverflow. */
  readonly maxOverflow: number;
  /** How long an acquire may wait before it fails with a timeout error; null for no timeout. */
  readonly acquireTimeoutMs: number | null;
  /** How long an idle connection beyond the retained ones may stay open; null when not used. */
  readonly idleTimeoutMs: number | null;
  /** Connections the pool keeps open at the least (0: no minimum asked for). */
  readonly min: number;
}

/** How a pool gives back connections beyond `size` (BOUND-2). */
export type Retention =
  | { readonly mode: 'on-release' }
  /** Closed after `idleTimeoutMs`, plus at most `slackMs` (a reaper's interval, say). */
  | { readonly mode: 'idle-timeout'; readonly slackMs: number };

/** What a pool's acquire timeout is, as its documentation describes it (TIME-*). */
export interface AcquireTimeout {
  /**
   * What the timeout bounds. `whole-acquire`: the wait in the queue and any connect the pool
   * makes for the caller; `queue-only`: the wait for a connection to be handed over, while a
   * connect the pool started for the caller runs to its own end (a documented choice of some
   * pools), so a caller whose connect is slow is served late, not timed out. TIME-1 then counts
   * only the time a caller spent queued, as src/checkers/QueuedCallers.ts defines it.
   */
  readonly covers: 'whole-acquire' | 'queue-only';
  /**
   * The pool's own timeout, in real ms, when `acquireTimeoutMs` is null: tarn's 30 s,
   * mariadb's 10 s. null when a null configuration means no timeout at all. Runs that end
   * before this much time has passed have observed nothing about what it would settle.
   */
  readonly defaultMs: number | null;
}

/**
 * Which callers are served in arrival order (WAIT-2). `every-caller`: all of them, also one
 * that waits for a connection the pool opens for it; `when-full`: those that queue because the
 * pool is at capacity (a caller that finds capacity free gets a connection of its own, in no queue).
 */
export type Fifo = 'every-caller' | 'when-full';

export interface Capabilities {
  /** The pool fails an acquire that waited `acquireTimeoutMs` (TIME-*); null when it has no acquire timeout. */
  readonly acquireTimeout: AcquireTimeout | null;
  /** The pool accepts a timeout per acquire call, as `acquire({ timeoutMs })`. */
  readonly perAcquireTimeout: boolean;
  /** Which waiters are served in arrival order (WAIT-2); null when the pool promises no order. */
  readonly fifo: Fifo | null;
  /** Overflow is given back (BOUND-2); null when the pool keeps what it opened. */
  readonly retention: Retention | null;
  /** The pool keeps `min` connections open once it has them (MIN-1). */
  readonly min: boolean;
  /** The pool has a one-query helper (QUERY-1). */
  readonly query: boolean;
  /** The pool checks a connection before handing it out (ERR-2, killed sessions). */
  readonly validation: boolean;
  /**
   * Optional (absent: false). The pool's check is asynchronous and calls `Connection.ping()`
   * (generic-pool's testOnBorrow with an async `validate`): workloads then give pings a latency
   * of their own, which races the acquire timeout.
   */
  readonly asyncValidation?: boolean;
  /** How the pool behaves across processes (FORK-*); null when not claimed. */
  readonly fork: 'per-process' | 'null-pool' | null;
  /** After a connect fails, the pool waits this long before trying again (0: at once). */
  readonly connectRetryMs: number;
  /**
   * The pool may take this long to serve a waiter once capacity frees up, when it defers its
   * own dispatch on purpose (a `setTimeout(fn, 0)` is 1 ms); 0 when it serves at once.
   */
  readonly wakeUpSlackMs: number;
  /**
   * Optional: the pool accepts the Promise implementation it uses (generic-pool's and pg-pool's
   * `Promise` option). Workloads then run it with the native Promise or with poolcheck's deferring
   * one (`then` callbacks on a later macrotask, drained together as bluebird's), handed to `create` in
   * `runtime.Promise`. Absent means false: the pool always gets the native Promise.
   */
  readonly promiseLibrary?: boolean;
}

/**
 * What a run lends the pool beside its configuration (create's third argument): things that are
 * not data, so not part of PoolConfig, chosen by the workload.
 */
export interface PoolRuntime {
  /**
   * The Promise implementation to give the pool: the native one, unless the adapter declares
   * `promiseLibrary` and the workload chose the deferring one (src/model/DeferringPromise.ts).
   */
  readonly Promise: PromiseConstructor;
}

/**
 * Why an adapter declares a capability, or holds its pool to a rule: the sentence of the pool's
 * documentation that promises it, or, when the documentation is silent, what the declaration
 * rests on (its code, say). Reports say which, so that a finding never suggests that a library
 * broke a promise it did not make.
 */
export type Basis =
  | { readonly promised: string; readonly source: string }
  | { readonly silent: string };

/** What a basis may be given for: a capability by name, or a rule by id (`CLOSE-1`). */
export type ClaimKey = Exclude<keyof Capabilities, 'connectRetryMs' | 'wakeUpSlackMs' | 'promiseLibrary'> | (string & {});

/** A gap the pool's authors document: the rule is reported `skipped` with this reason and link. */
export interface KnownGap {
  readonly rule: string;
  readonly reason: string;
  readonly link: string;
}

/** How poolcheck tells errors apart: it never matches on message text itself. */
export type ErrorClass = 'timeout' | 'closed' | 'other';

/** The databases live mode can run an adapter on. */
export type LiveDatabase = 'postgres' | 'mysql' | 'sqlite';

/** Where an adapter can run. */
export interface RunsOn {
  /** Model mode: the pool takes its connections from poolcheck's backend (a factory or a client class). */
  readonly model: boolean;
  /** Live mode's database, or null when the adapter has no live form. */
  readonly live: LiveDatabase | null;
  /**
   * Live mode: the pool opens its own connections from an address (`backend.drivers.database`)
   * rather than through `backend.connect()`, a client class or a socket factory. Absent: false.
   * PostgreSQL only, for now.
   */
  readonly ownConnections?: boolean;
}

/** What an adapter that does not say runs on: both modes, live on PostgreSQL. */
export const DEFAULT_RUNS_ON: RunsOn = { model: true, live: 'postgres' };

export interface AcquireOptions {
  /** Only when the adapter declares `perAcquireTimeout`. */
  readonly timeoutMs?: number;
}

export interface Adapter<P = unknown, L = unknown> {
  /** Contract version this adapter was written against (1 is still accepted). */
  readonly contract: 2;
  readonly name: string;
  /** The pool library and version under test, for reports. */
  readonly pool: { readonly name: string; readonly version: string };
  readonly capabilities: Capabilities;
  /**
   * The basis of each declared capability and of any rule the pool's documentation promises,
   * keyed by capability name or rule id. A rule with no basis of its own, or through the
   * capability it needs, is poolcheck's contract on which the documentation is silent.
   */
  readonly claims?: Readonly<Partial<Record<ClaimKey, Basis>>>;
  readonly knownGaps?: readonly KnownGap[];
  /** Where it can run; DEFAULT_RUNS_ON when not given. */
  readonly runsOn?: RunsOn;
  /**
   * Builds a pool whose connections come from `backend` (poolcheck's ground truth); a pool that
   * accepts a Promise implementation is given `runtime.Promise` (see `promiseLibrary`).
   */
  create(config: PoolConfig, backend: Backend, runtime: PoolRuntime): P;
  acquire(pool: P, options: AcquireOptions): Promise<L>;
  /** The backend connection behind a lease: its `id` is the identity checkers judge by. */
  connection(lease: L): Connection;
  release(pool: P, lease: L): unknown;
  destroy(pool: P, lease: L): unknown;
  close(pool: P): Promise<unknown>;
  classifyError(error: unknown): ErrorClass;
  /** Required when `capabilities.query` is true. */
  query?(pool: P, sql: unknown): Promise<unknown>;
}
