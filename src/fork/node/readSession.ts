// The server's identity of a PostgreSQL session, read over that session with the statement
// spec/process-protocol.md gives for `acquire` (poolcheck's witness compares the strings, and its
// proxy recognises the read by `pg_backend_pid()`). Never the driver's processID: that is whatever
// a pooler in between announced.
import type { ServerSession } from '../../adapter/Backend.ts';

export const SESSION_SQL = `select pid, to_char(backend_start at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') from pg_stat_activity where pid = pg_backend_pid()`;

/** Runs SESSION_SQL through `query` (a pg client's, or a Connection's) and reads its one row. */
export async function readSession(query: (sql: string) => Promise<unknown>): Promise<ServerSession> {
  const result = (await query(SESSION_SQL)) as { rows?: ReadonlyArray<Record<string, unknown>> } | undefined;
  // The second column is named after its function (`to_char`): taken by position, not by name.
  const [pid, start] = Object.values(result?.rows?.[0] ?? {});
  if (typeof pid !== 'number' || typeof start !== 'string') throw new Error('PostgreSQL does not list the session asking about itself in pg_stat_activity');
  return { pid, start };
}
