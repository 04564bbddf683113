// The pg client configuration that tags a connection as this run's. The tag goes into the
// connection string rather than a separate `application_name` option because node-postgres lets
// the connection string win over the other options: a user's URL with `?application_name=app`
// would otherwise silently untag every connection, and the witness would count none of them.
// The server applies the startup packet's application_name after any `options=-c ...`, so an
// `-c application_name` in the URL cannot override it either.
import type { ClientConfig } from 'pg';
import { parseServerUrl } from './parseServerUrl.ts';
import { runTag } from './runTag.ts';

/** `{ connectionString }` for `new pg.Client(...)` / `new pg.Pool(...)`, tagged with the run. */
export function pgTaggedConfig(url: string, runId: string, role: 'pool' | 'admin' = 'pool'): ClientConfig & { connectionString: string } {
  const parsed = parseServerUrl('PostgreSQL', url);
  parsed.searchParams.set('application_name', runTag(runId, role));
  return { connectionString: parsed.toString() };
}
