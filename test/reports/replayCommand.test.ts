// A replay line carries every flag the run needs to be the same run: the mode, and for a live or
// fork run the database (`--db`), never its password. Regression: a live MySQL failure's replay
// had no --db, so pasting it where MySQL was not configured gave a green "skipped".
import { describe, expect, it } from 'vitest';
import type { DatabaseAddress } from '../../src/live/database/Database.ts';
import { PASSWORD_PLACEHOLDER, replayDbFlag } from '../../src/live/database/replayDbFlag.ts';
import { reportedDatabase } from '../../src/live/database/reportedDatabase.ts';
import { parseDbFlag } from '../../src/live/database/parseDbFlag.ts';
import { replayCommand } from '../../src/reports/replayCommand.ts';

const at = (provision: DatabaseAddress['provision'], safeUrl: string, urlFrom?: string) => ({ provision, safeUrl, ...(urlFrom ? { urlFrom } : {}) });

describe('replayDbFlag: the --db that picks the same database again', () => {
  it('names what poolcheck started by how it started it', () => {
    expect(replayDbFlag(at('embedded', 'postgres://postgres:***@127.0.0.1:41234/postgres'))).toBe('embedded');
    expect(replayDbFlag(at('testcontainers', 'mysql://test:***@127.0.0.1:32768/test'))).toBe('testcontainers');
  });

  it('refers to the environment variable a URL was read from, quoted for the shell', () => {
    expect(replayDbFlag(at('url', 'mysql://root:***@db:3306/test', 'POOLCHECK_MYSQL_URL'))).toBe('"$POOLCHECK_MYSQL_URL"');
    expect(replayDbFlag(at('url', 'postgres://u@db/x', 'DATABASE_URL'))).toBe('"$DATABASE_URL"');
  });

  it('prints a --db URL without a password as it is, and one with a password with the placeholder instead', () => {
    expect(replayDbFlag(at('url', 'mysql://root@127.0.0.1:3306/test', '--db'))).toBe('mysql://root@127.0.0.1:3306/test');
    const withPassword = replayDbFlag(at('url', 'postgres://app:***@db:5432/app?sslpassword=***', '--db'));
    expect(withPassword).toBe(`"postgres://app:${PASSWORD_PLACEHOLDER}@db:5432/app?sslpassword=${PASSWORD_PLACEHOLDER}"`);
    expect(withPassword).not.toContain('***');
  });

  it('escapes what a shell would expand in double quotes, except the placeholder', () => {
    expect(replayDbFlag(at('url', 'postgres://app:***@db/a$b', '--db'))).toBe(`"postgres://app:${PASSWORD_PLACEHOLDER}@db/a\\$b"`);
  });

  it('reads back as a --db value once the shell has expanded it', () => {
    for (const value of ['embedded', 'testcontainers', 'mysql://root@127.0.0.1:3306/test']) expect(() => parseDbFlag(value)).not.toThrow();
  });

  it('is what reports say about a database: no password anywhere in it', () => {
    const address: DatabaseAddress = {
      kind: 'mysql',
      url: 'mysql://root:hunter2-secret@db:3306/test',
      safeUrl: 'mysql://root:***@db:3306/test',
      host: 'db',
      port: 3306,
      database: 'test',
      user: 'root',
      serverVersion: 'MariaDB 10.11',
      provision: 'url',
      urlFrom: '--db',
    };
    const reported = reportedDatabase(address);
    expect(reported).toEqual({ url: 'mysql://root:***@db:3306/test', serverVersion: 'MariaDB 10.11', provision: 'url', db: `"mysql://root:${PASSWORD_PLACEHOLDER}@db:3306/test"` });
    expect(JSON.stringify(reported)).not.toContain('hunter2');
  });
});

describe('replayCommand', () => {
  it('carries the mode and the database of a live or fork run', () => {
    const live = { spec: 'mysql2', mode: 'live' as const, live: { database: { db: '"$POOLCHECK_MYSQL_URL"' } } };
    expect(replayCommand(live, 'EXCL-1', 7, '1:0')).toBe('npx poolcheck run --adapter mysql2 --mode live --db "$POOLCHECK_MYSQL_URL" --rules EXCL-1 --seed 7 --path 1:0');
    const fork = { spec: 'sqlalchemy-nullpool', mode: 'fork' as const, live: { database: { db: 'embedded' } } };
    expect(replayCommand(fork, 'FORK-2', 4, '0')).toBe('npx poolcheck run --adapter sqlalchemy-nullpool --mode fork --db embedded --rules FORK-2 --seed 4 --path 0');
  });

  it('leaves --db out where there is none to give (SQLite) and in model mode', () => {
    expect(replayCommand({ spec: 'sqlite', mode: 'live', live: { database: {} } }, 'EXCL-1', 1, '0')).toBe('npx poolcheck run --adapter sqlite --mode live --rules EXCL-1 --seed 1 --path 0');
    expect(replayCommand({ spec: 'reference', mode: 'model' }, 'WAIT-2', 1, '0')).toBe('npx poolcheck run --adapter reference --rules WAIT-2 --seed 1 --path 0');
  });
});
