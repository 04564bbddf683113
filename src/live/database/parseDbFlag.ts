// Reads the CLI's `--db <url|embedded|testcontainers>`. A URL picks the database for its own
// kind only (a mysql:// URL leaves PostgreSQL on auto); `embedded` exists only for PostgreSQL;
// `testcontainers` applies to both. Bad values are usage errors (exit 2), and a URL's password
// never appears in the message.
import { environmentError } from './environmentError.ts';
import type { DbSelection } from './DbChoice.ts';
import { describeChoice } from './describeChoice.ts';
import { kindOfScheme, parseDatabaseUrl } from './parseDatabaseUrl.ts';

const expected = 'expected embedded, testcontainers, or a postgres://, postgresql://, mysql:// or mariadb:// URL';

export function parseDbFlag(value: string): DbSelection {
  const trimmed = value.trim();
  if (trimmed === 'embedded') return { postgres: 'embedded' };
  if (trimmed === 'testcontainers') return { postgres: 'testcontainers', mysql: 'testcontainers' };
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    const hint = /^(embedded|testcontainers)$/i.test(trimmed) ? ' (lower case)' : '';
    throw environmentError(`--db: ${expected}${hint}, got ${describeChoice(trimmed)}`, [], 'POOLCHECK_USAGE');
  }
  const kind = kindOfScheme(scheme);
  if (kind === undefined) throw environmentError(`--db: ${expected}, got a URL starting with ${scheme}://`, [], 'POOLCHECK_USAGE');
  // Validates the rest (host, port, encoding) with the same rules as the environment variables.
  parseDatabaseUrl(trimmed, kind, '--db', 'POOLCHECK_USAGE');
  return kind === 'postgres' ? { postgres: trimmed } : { mysql: trimmed };
}
