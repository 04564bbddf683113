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
}
