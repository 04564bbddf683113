// The adapter contract's view of the database (spec/adapter-contract.md): what `create` gets to
// build its pool's connections from, the same in model and live mode, and the errors those
// connections fail with. Backends implement it (src/model/MemoryBackend.ts, src/live/); adapters
// only consume it.
import type { Connection } from './Connection.ts';
import type { MysqlDrivers } from './MysqlDrivers.ts';

export { checkQueryText, ConnectError, QueryError, type Connection } from './Connection.ts';

/**
 * What an adapter receives to build its pool's connections from, in every mode: model mode's
 * in-memory server (src/model/MemoryBackend.ts) or a live database's (src/live/).
 */
export interface Backend {
  connect(): Promise<Connection>;
  /**
   * Live mode only (absent in model mode): the ways in for pools that build their own clients
   * rather than take connections from `connect()`. See BackendDrivers.
   */
  readonly drivers?: BackendDrivers;
}

/** @deprecated The name of `Backend` before it served live mode too. */
export type ModelBackend = Backend;

/**
 * Live mode: driver hooks whose every connection is a session of this run, for pools that open
 * their own connections. poolcheck sees each connect attempt and learns each session's server
 * identity without patching the driver.
 */
export interface BackendDrivers {
  /**
   * A `pg.Client` subclass (pg-pool's `Client` option): its instances connect through the run's
   * fault proxy with the run's tag; each has a `view` property, the Connection behind it.
   */
  readonly pgClient?: new () => unknown;
  /** The run's login and socket factories for mysql2's and mariadb's pools. */
  readonly mysql?: MysqlDrivers;
  /**
   * For pools that open their own connections from an address (a process adapter's pool,
   * postgres.js): present when the adapter's `runsOn.ownConnections` is true.
   */
  readonly database?: DatabaseDriver;
}

/** The server's identity of a connection, read over that connection (spec/process-protocol.md, `acquire`). */
export interface ServerSession {
  /** PostgreSQL: `pg_backend_pid()`. */
  readonly pid: number;
  /** PostgreSQL: backend_start in UTC to the microsecond, as spec/process-protocol.md prints it. */
  readonly start: string | null;
}

/**
 * Live mode: where a pool that opens its own connections opens them. The address passes through
 * poolcheck (its fault proxy), which sees every connect attempt and learns each session's server
 * identity from the wire, so no driver is patched.
 */
export interface DatabaseDriver {
  readonly kind: 'postgres';
  /**
   * A connection URL for the run: give it to the driver as it is. It carries the run's tag (by
   * which poolcheck tells the run's sessions from any other) and can hold a password: never print it.
   */
  readonly url: string;
  /**
   * The Connection (c1, c2, ... as the history names it) of the session the server knows by
   * `session`: how a lease is tied to the session it holds. Rejects when no session of this run
   * has that identity (the pool connected elsewhere).
   */
  connection(session: ServerSession): Promise<Connection>;
}
