// Reads a database URL given by the user (env or --db) into the parts poolcheck reports, and
// rejects a URL of the wrong kind or a malformed one without ever echoing it: a malformed URL
// cannot be reliably redacted, so the message says what is wrong instead.
import type { PoolcheckError, ErrorCode } from '../../errors.ts';
import type { DatabaseKind } from './Database.ts';
import { environmentError } from './environmentError.ts';

export interface ParsedDatabaseUrl {
  readonly kind: DatabaseKind;
  readonly url: string;
  readonly safeUrl: string;
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
  /** Decoded; only for drivers that take fields. */
  readonly password: string;
  /** The password and any secret query parameter: scrubbed from every message. */
  readonly secrets: readonly string[];
}

const schemes: Record<DatabaseKind, readonly string[]> = {
  postgres: ['postgres', 'postgresql'],
  mysql: ['mysql', 'mariadb'],
};
const defaultPort: Record<DatabaseKind, number> = { postgres: 5432, mysql: 3306 };
const product: Record<DatabaseKind, string> = { postgres: 'PostgreSQL', mysql: 'MySQL/MariaDB' };
const example: Record<DatabaseKind, string> = {
  postgres: 'postgres://user:password@host:5432/database',
  mysql: 'mysql://user:password@host:3306/database',
};
/** Query parameters that can carry a secret (`?password=`, `?sslpassword=`). */
const secretParam = /pass|pwd|secret|token/i;

/** The kind a scheme belongs to, or undefined for anything else (http, file, ...). */
export function kindOfScheme(scheme: string): DatabaseKind | undefined {
  return (Object.keys(schemes) as DatabaseKind[]).find((kind) => schemes[kind].includes(scheme));
}

export function parseDatabaseUrl(
  raw: string,
  kind: DatabaseKind,
  source: string,
  code: ErrorCode = 'POOLCHECK_ENVIRONMENT',
): ParsedDatabaseUrl {
  const fail = (what: string, secret?: string): PoolcheckError =>
    environmentError(`${source} ${what}: expected ${example[kind]}`, [secret], code);
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(raw)?.[1]?.toLowerCase();
  if (scheme === undefined) throw fail(`is not a ${product[kind]} URL (no scheme://)`);
  if (!schemes[kind].includes(scheme)) {
    const other = kindOfScheme(scheme);
    const got = other ? `a ${product[other]} URL (${scheme}://)` : `a URL starting with ${scheme}://`;
    throw fail(`must be a ${schemes[kind].map((s) => `${s}://`).join(' or ')} URL for ${product[kind]}, got ${got}`);
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw fail('is not a valid URL (check the port, and percent-encode special characters in the password)');
  }
  let user: string;
  let password: string;
  let database: string;
  try {
    user = decodeURIComponent(url.username);
    password = decodeURIComponent(url.password);
    database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  } catch {
    throw fail('has a bad percent-encoding in the user, password or database');
  }
  // pg also takes `postgres:///db?host=/var/run/postgresql` (a unix socket directory).
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1') || (kind === 'postgres' ? (url.searchParams.get('host') ?? '') : '');
  if (host === '') throw fail('has no host', password);
  if (database.includes('/')) throw fail(`has a path that is not one database name`, password);
  const secrets = [password];
  const safe = new URL(url.href);
  if (safe.password) safe.password = '***';
  for (const [key, value] of url.searchParams) {
    if (!secretParam.test(key)) continue;
    secrets.push(value);
    safe.searchParams.set(key, '***');
  }
  // What the drivers fall back to: pg reads PGUSER, then USER (and names the database after the user).
  user ||= kind === 'postgres' ? (process.env['PGUSER'] ?? process.env['USER'] ?? '') : '';
  return {
    kind,
    url: url.href,
    safeUrl: safe.href.replace(/%2A%2A%2A/g, '***'),
    host,
    port: url.port ? Number(url.port) : defaultPort[kind],
    database: database || (kind === 'postgres' ? user : ''),
    user,
    password,
    secrets: secrets.filter(Boolean),
  };
}
