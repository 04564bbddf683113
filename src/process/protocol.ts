// Version 1 of the process-adapter protocol, as types: what poolcheck sends a process adapter on
// its stdin and what each request's reply carries. spec/process-protocol.md is the page and
// spec/process-protocol.schema.json the schema; keep the three in step.
import type { Adapter, Capabilities, ErrorClass, KnownGap, LiveDatabase, PoolConfig } from '../adapter/Adapter.ts';

/** The protocol this poolcheck speaks: a greeting must name exactly this version. */
export const PROTOCOL_VERSION = 1;

/** A pool's or a lease's name, made up by the adapter: unique in the session, never reused. */
export type Handle = string;

/** The server's identity of a connection, read by the adapter over that connection (see the page). */
export interface Session {
  readonly pid: number;
  /** PostgreSQL: backend_start in UTC to the microsecond; MySQL/MariaDB and SQLite: null. */
  readonly start: string | null;
}

/** What a process adapter says of itself in answer to `hello`: the in-process descriptor's shapes. */
export interface Greeting {
  readonly protocol: typeof PROTOCOL_VERSION;
  readonly name: string;
  readonly pool: { readonly name: string; readonly version: string };
  readonly capabilities: Capabilities;
  readonly claims?: Adapter['claims'];
  readonly knownGaps?: readonly KnownGap[];
  /** A process adapter has no model form: it opens its own connections to a real server. */
  readonly runsOn: { readonly model: false; readonly live: LiveDatabase };
  readonly notes?: string;
}

/** Each op: what the request carries beside `id` and `op`, and the reply's `ok` value. */
export interface Ops {
  hello: { args: { protocol: number }; ok: unknown };
  create: { args: { config: PoolConfig; database: { kind: LiveDatabase; url: string } }; ok: { pool: Handle } };
  acquire: { args: { pool: Handle; task: string; timeoutMs?: number }; ok: { lease: Handle; session: Session } };
  use: { args: { lease: Handle; sql: string }; ok: object };
  release: { args: { pool: Handle; lease: Handle }; ok: object };
  destroy: { args: { pool: Handle; lease: Handle }; ok: object };
  /** `sql: null`: the helper called without a statement (QUERY-1's misuse case). */
  query: { args: { pool: Handle; sql: string | null }; ok: object };
  close: { args: { pool: Handle }; ok: object };
  /** Fork mode: the server's identity of the lease's connection, read over it now. */
  session: { args: { lease: Handle }; ok: { session: Session } };
  /** Fork mode: start child `child`, which connects to the Unix socket `address` and answers there. */
  fork: { args: { child: string; address: string }; ok: { pid: number } };
  bye: { args: Record<string, never>; ok: object };
}

export type Op = keyof Ops;

/** The ops a caller may send; `bye` is the channel's own, sent by close(). */
export type RequestOp = Exclude<Op, 'bye'>;

export const OPS: readonly Op[] = ['hello', 'create', 'acquire', 'use', 'release', 'destroy', 'query', 'close', 'session', 'fork', 'bye'];

/** What an adapter's error reply carries: its own exception, classified by itself. */
export interface ErrorReply {
  /** `connect`: a connect the pool made for this acquire failed, and the pool raised the driver's error. */
  readonly class: ErrorClass | 'connect';
  readonly type: string;
  readonly message: string;
}

/**
 * The error type an adapter gives when it cannot carry out a request at all (an unknown op, a
 * missing field, a handle it never made): the two sides disagree about the protocol.
 */
export const PROTOCOL_ERROR_TYPE = 'poolcheck.protocol';

/**
 * The error type of an adapter's answer to `hello` when it cannot run here (its language's package
 * for the pool is not installed): its message says what is missing and how to install it.
 */
export const UNAVAILABLE_ERROR_TYPE = 'poolcheck.unavailable';

/** A notification from the adapter: no id, no reply. Version 1 knows `log`. */
export interface AdapterEvent {
  readonly event: string;
  readonly [field: string]: unknown;
}
