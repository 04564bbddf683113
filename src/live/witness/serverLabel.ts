// Names a server in messages by kind, host and port only. URLs carry passwords, so no message
// poolcheck prints ever contains the URL itself.

const DEFAULT_PORTS = { PostgreSQL: 5432, MySQL: 3306 } as const;

/** `PostgreSQL at 127.0.0.1:5432`; `PostgreSQL at localhost:5432` when the URL names no host. */
export function serverLabel(kind: keyof typeof DEFAULT_PORTS, url: URL): string {
  const host = decodeURIComponent(url.hostname) || 'localhost';
  return `${kind} at ${host}:${url.port || DEFAULT_PORTS[kind]}`;
}
