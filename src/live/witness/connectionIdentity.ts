// The server-side identity of a driver connection, from the client side. Checkers compare it
// with what the witness lists, so it must be the server's notion of the session, not the
// driver's object: two borrowers holding the same session is exactly what EXCL-1 looks for.
//
// - PostgreSQL: `pg:<backend pid>@<backend start, UTC, microseconds>`. Asked of the session
//   itself, because the driver's `processID` is only what the server (or a pooler in between)
//   announced; pids are reused, the start time makes the pair unique.
// - MySQL/MariaDB: `my:<connection id>`, the handshake's connection id that mysql2 and mariadb
//   expose as `threadId`; the server never reuses one while it runs.
// - SQLite (better-sqlite3): `sqlite:<n>`, the counter of SqliteWitness's factory.
import type { Database } from 'better-sqlite3';
import { PoolcheckError, describeValue } from '../../errors.ts';
import { pgBackendStartSql } from './pgBackendStartSql.ts';
import { sqliteIdentities } from './sqliteIdentities.ts';

/** The part of a pg Client we use; `processID` is set after connect but not in @types/pg. */
interface PgLike {
  processID?: number | null;
  query(text: string): Promise<{ rows: Array<Record<string, unknown>> }>;
}

interface MysqlLike {
  threadId: number | null;
}

export async function connectionIdentity(conn: PgLike | MysqlLike | Database): Promise<string> {
  const known = sqliteIdentities.get(conn);
  if (known !== undefined) return known;
  if ('threadId' in conn) {
    if (typeof conn.threadId !== 'number') {
      throw new PoolcheckError('POOLCHECK_ADAPTER_CONTRACT', `Expected a connected MySQL connection with a numeric threadId, got threadId ${describeValue(conn.threadId)}`);
    }
    return `my:${conn.threadId}`;
  }
  if ('query' in conn && typeof conn.query === 'function' && 'processID' in conn) {
    const { rows } = await (conn).query(
      `SELECT pid, ${pgBackendStartSql} AS started FROM pg_stat_activity WHERE pid = pg_backend_pid()`,
    );
    const row = rows[0];
    if (row === undefined) throw new PoolcheckError('POOLCHECK_ENVIRONMENT', 'PostgreSQL does not list the session asking about itself in pg_stat_activity');
    // A pooler such as PgBouncer between the driver and the server announces a process id of
    // its own; the server's sessions then have nothing to do with the driver's connections.
    const { processID } = conn;
    if (typeof processID === 'number' && processID !== row.pid) {
      throw new PoolcheckError(
        'POOLCHECK_ENVIRONMENT',
        `The driver was told process id ${processID} but the server session is ${String(row.pid)}: is a connection pooler between poolcheck and PostgreSQL? The server can only be a witness when poolcheck talks to it directly`,
      );
    }
    return `pg:${String(row.pid)}@${String(row.started)}`;
  }
  throw new PoolcheckError(
    'POOLCHECK_ADAPTER_CONTRACT',
    `Expected a connected pg Client, a mysql2/mariadb connection or a Database from SqliteWitness, got ${describeValue(conn)}`,
  );
}
