// The `--db` argument a replay command needs to judge against the same database again, as one
// shell word. A replay without it would pick the database anew, and for MySQL that can be no
// database at all: a green "skipped" instead of the failure. Never a password:
// - what poolcheck started is named by how it started it: `embedded`, `testcontainers`;
// - a URL read from an environment variable refers to that variable, `"$POOLCHECK_MYSQL_URL"`:
//   pasted where the variable is set, it is the same database (unset, `--db ""` is refused);
// - a URL given with `--db` is printed as given, its password (and any secret query parameter)
//   replaced by `${POOLCHECK_DB_PASSWORD}`, which the shell fills in when pasting.
import type { DatabaseAddress } from './Database.ts';

/** What stands for a redacted secret in a replayed `--db` URL. */
export const PASSWORD_PLACEHOLDER = '${POOLCHECK_DB_PASSWORD}';

export function replayDbFlag(database: Pick<DatabaseAddress, 'provision' | 'safeUrl' | 'urlFrom'>): string {
  if (database.provision !== 'url') return database.provision;
  const from = database.urlFrom;
  if (from !== undefined && /^[A-Z_][A-Z0-9_]*$/.test(from)) return `"$${from}"`;
  const url = database.safeUrl;
  if (!url.includes('***')) return /^[\w./@:?=&%+-]+$/.test(url) ? url : `'${url.replace(/'/g, `'\\''`)}'`;
  // In double quotes so that the shell expands the placeholder and nothing else.
  return `"${url.replace(/[$`"\\]/g, '\\$&').split('***').join(PASSWORD_PLACEHOLDER)}"`;
}
