// What a live MySQL/MariaDB backend gives the adapters of pools that open their own connections
// (mysql2's and mariadb's): the run user's login, and a `stream` option for each driver through
// which every connect attempt the pool makes passes, so poolcheck sees each one without owning
// its creation. The socket is the ground truth of the client side: its handshake names the
// server session, its close is the disconnect.
import type { Duplex } from 'node:stream';
import type { Connection } from './Connection.ts';

/** What a MySQL/MariaDB pool logs in with: mysql2's and mariadb's option names alike. */
export interface MysqlLogin {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly database?: string;
}

/** The part of a driver connection (mysql2 or mariadb, promise API) poolcheck uses. */
export interface MysqlDriverConnection {
  readonly threadId: number | null;
  query(sql: string): Promise<unknown>;
}

export interface MysqlDrivers {
  /**
   * Host, port, the run user and its password, database: what the pool must log in with.
   */
  readonly login: MysqlLogin;
  /** mysql2's `stream` option: a factory called once per connection, returning its socket. */
  readonly mysql2Stream: (opts: unknown) => Duplex;
  /** mariadb's `stream` option: called once per connection; a socket returned is used as is. */
  readonly mariadbStream: (callback: (error?: Error, stream?: Duplex) => void) => Duplex;
  /** The backend's Connection behind a connection the pool handed out (by its thread id). */
  connection(driver: MysqlDriverConnection): Connection;
}
