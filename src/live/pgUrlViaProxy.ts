// The run's PostgreSQL URL pointed at the fault proxy instead: only where the client connects
// changes (host and port, also as `?host=`/`?port=`, which pg prefers to the URL's own), so the
// user, password, database, tag and TLS settings stay as the user gave them.
import { parseServerUrl } from './witness/parseServerUrl.ts';

export function pgUrlViaProxy(url: string, proxy: { readonly host: string; readonly port: number }): string {
  const parsed = parseServerUrl('PostgreSQL', url);
  parsed.searchParams.delete('host');
  parsed.searchParams.delete('port');
  parsed.hostname = proxy.host;
  parsed.port = String(proxy.port);
  return parsed.toString();
}

/** Where the proxy reaches the database: its host and port, or for a socket directory (`?host=/run/postgresql`) pg's socket file in it. */
export function pgProxyTarget(database: { readonly host: string; readonly port: number }): { host: string; port: number } | { path: string } {
  return database.host.startsWith('/') ? { path: `${database.host.replace(/\/$/, '')}/.s.PGSQL.${database.port}` } : { host: database.host, port: database.port };
}
