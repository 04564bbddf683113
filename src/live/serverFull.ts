// A connect the server refused because it is full is not the pool's fault: judging it would be a
// false verdict (ERR-1, BOUND-3), so live mode stops with an environment error instead. Told by
// the servers' own codes, never by message text.
import { PoolcheckError } from '../errors.ts';

/** PostgreSQL: too_many_connections (max_connections, or a role's or database's CONNECTION LIMIT). */
const PG_TOO_MANY_CONNECTIONS = '53300';
/** MySQL/MariaDB: ER_CON_COUNT_ERROR (max_connections) and ER_TOO_MANY_USER_CONNECTIONS. */
const MYSQL_TOO_MANY = new Set([1040, 1203]);

export function isServerFull(error: unknown): boolean {
  const e = error as { code?: unknown; errno?: unknown } | null;
  return e?.code === PG_TOO_MANY_CONNECTIONS || (typeof e?.errno === 'number' && MYSQL_TOO_MANY.has(e.errno));
}

export function serverFullError(server: string, error: unknown): PoolcheckError {
  const reason = error instanceof Error ? error.message : String(error);
  return new PoolcheckError(
    'POOLCHECK_ENVIRONMENT',
    `${server} refused a connection of the run because it is full (${reason}): close other clients, or raise max_connections or the role's connection limit`,
  );
}
