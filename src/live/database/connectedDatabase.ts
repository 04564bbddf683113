// The last step of every provisioning path: prove that the database answers (its version), and
// describe it. A server poolcheck started is stopped again when that first connection fails.
import type { Database, DatabaseKind, ProvisionPath } from './Database.ts';
import { parseDatabaseUrl, type ParsedDatabaseUrl } from './parseDatabaseUrl.ts';
import { probeMysql } from './probeMysql.ts';
import { probePostgres } from './probePostgres.ts';
import type { ProvisionDeps } from './ProvisionDeps.ts';
import type { StartedServer } from './startEmbeddedPostgres.ts';

const noop = async () => {};

export async function connectedDatabase(
  parsed: ParsedDatabaseUrl,
  source: string,
  provision: ProvisionPath,
  deps: ProvisionDeps,
  stop: () => Promise<void> = noop,
): Promise<Database> {
  const target = { ...parsed, source };
  let serverVersion: string;
  try {
    serverVersion =
      parsed.kind === 'postgres'
        ? await probePostgres(parsed.url, target, deps.importModule, deps.connectTimeoutMillis)
        : await probeMysql(parsed, target, deps.importModule, deps.connectTimeoutMillis);
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
  const { kind, url, safeUrl, host, port, database, user } = parsed;
  return { kind, url, safeUrl, host, port, database, user, serverVersion, provision, ...(provision === 'url' ? { urlFrom: source } : {}), stop };
}

/** The URL of a server poolcheck started itself, read back like any user's URL. */
export function startedServerUrl(kind: DatabaseKind, server: StartedServer, source: string): ParsedDatabaseUrl {
  const scheme = kind === 'postgres' ? 'postgres' : 'mysql';
  const host = server.host.includes(':') ? `[${server.host}]` : server.host;
  const credentials = `${encodeURIComponent(server.user)}:${encodeURIComponent(server.password)}`;
  return parseDatabaseUrl(`${scheme}://${credentials}@${host}:${server.port}/${encodeURIComponent(server.database)}`, kind, source);
}
