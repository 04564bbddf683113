// Connects once with `pg` and asks the server for its version: the proof that the database
// poolcheck is about to judge pools against answers, whichever way it was provisioned.
import type pg from 'pg';
import { connectError, type ConnectTarget } from './connectError.ts';
import { importModule, type ModuleLoader } from './importModule.ts';

export async function probePostgres(
  url: string,
  target: ConnectTarget,
  load: ModuleLoader,
  timeoutMillis: number,
): Promise<string> {
  const driver = await importModule<{ default: typeof pg }>('pg', 'PostgreSQL', load);
  const client = new driver.default.Client({
    connectionString: url,
    connectionTimeoutMillis: timeoutMillis,
    query_timeout: timeoutMillis,
    // poolcheck's own sessions carry its tag; this one lives for one query.
    application_name: 'poolcheck-provision',
  });
  // A server that drops the connection after connect emits 'error'; the query rejects anyway.
  client.on('error', () => {});
  try {
    await client.connect();
    const { rows } = await client.query<{ version: string }>(`SELECT current_setting('server_version') AS version`);
    return `PostgreSQL ${rows[0]?.version ?? 'unknown'}`;
  } catch (error) {
    throw connectError(error, target);
  } finally {
    await client.end().catch(() => {});
  }
}
