// Bad input never judges anything: exactly one line on stderr, starting `poolcheck:`, and exit 2.
import { describe, expect, it } from 'vitest';
import { runCli } from './runCli.ts';

const run = (...args: string[]) => ['run', ...args];
const reference = ['--adapter', 'reference'];

/** [what the user did wrong, the arguments, a fragment the one line must contain] */
const cases: ReadonlyArray<readonly [string, readonly string[], string]> = [
  ['an unknown built-in adapter name', run('--adapter', 'no-such-pool'), 'no-such-pool'],
  ['an adapter path that does not exist', run('--adapter', 'test/fixtures/doesNotExist.ts'), 'test/fixtures/doesNotExist.ts'],
  ['a module that exports no adapter', run('--adapter', 'test/fixtures/exportsNoAdapter.ts'), 'exports no adapter'],
  ['an adapter without release()', run('--adapter', 'test/fixtures/missingRelease.ts'), '`release`'],
  ['an adapter declaring capabilities.query without query()', run('--adapter', 'test/fixtures/queryWithoutMethod.ts'), '`capabilities.query`'],
  ['an adapter module that throws on import', run('--adapter', 'test/fixtures/throwsOnImport.ts'), 'this adapter module cannot be imported'],
  ['an unknown rule id', run(...reference, '--rules', 'EXCL-1,NOPE-9'), 'NOPE-9'],
  ['an invalid profile', run(...reference, '--profile', 'fast'), 'fast'],
  ['a seed that is not an integer', run(...reference, '--seed', 'abc'), 'abc'],
  ['--runs that is not a positive integer', run(...reference, '--runs', '0'), '--runs'],
  ['an unknown flag', run(...reference, '--frobnicate'), '--frobnicate'],
  ['--path without --seed', run(...reference, '--rules', 'WAIT-2', '--path', '1:2'), '--path'],
  ['run without --adapter', run('--seed', '1'), '--adapter'],
  // A --db the adapter cannot use used to be ignored and another database started instead.
  ['--db with a mysql:// URL for a PostgreSQL adapter', run('--adapter', 'pg-pool', '--mode', 'live', '--db', 'mysql://root@127.0.0.1:3306/test'), 'adapter pg-pool runs on PostgreSQL'],
  ['--db embedded for a MySQL adapter', run('--adapter', 'mysql2', '--db', 'embedded'), '--db embedded starts PostgreSQL, but adapter mysql2 runs on MySQL/MariaDB'],
  ['--db with a postgres:// URL for a SQLite adapter', run('--adapter', 'sqlite', '--db', 'postgres://postgres@127.0.0.1:5432/postgres'), 'adapter sqlite runs on SQLite'],
  ['a replayed `--db "$POOLCHECK_MYSQL_URL"` where the variable is unset', run('--adapter', 'mysql2', '--db', ''), 'an empty value'],
  ['--db that no adapter of the run can use', run('--adapter', 'sqlite', '--adapter', 'mysql2', '--db', 'embedded'), 'the adapters of this run use SQLite and MySQL/MariaDB'],
];

describe.concurrent('bad input gives one `poolcheck:` line on stderr and exit 2', () => {
  for (const [what, args, fragment] of cases) {
    it(what, async () => {
      const { code, stdout, stderr } = await runCli(args);
      expect(stderr.endsWith('\n'), stderr).toBe(true);
      expect(stderr.slice(0, -1).split('\n'), stderr).toHaveLength(1);
      expect(stderr).toMatch(/^poolcheck: /);
      expect(stderr).toContain(fragment);
      expect(stdout).toBe('');
      expect(code).toBe(2);
    });
  }

  it('an unknown flag close to a real one: the suggestion stays on the same line', async () => {
    const { code, stderr } = await runCli(run(...reference, '--rule', 'EXCL-1'));
    expect(code).toBe(2);
    expect(stderr.slice(0, -1).split('\n')).toHaveLength(1);
  });

  it('--db the adapter cannot use never echoes the URL or its password', async () => {
    const { code, stderr } = await runCli(run('--adapter', 'pg-pool', '--mode', 'live', '--db', 'mysql://app:hunter2-secret@db.example:3306/app'));
    expect(code).toBe(2);
    expect(stderr).toBe('poolcheck: --db gives a mysql:// URL (MySQL/MariaDB), but adapter pg-pool runs on PostgreSQL: leave --db out, or give one of that kind\n');
  });

  it('no command at all prints the usage and exits 2', async () => {
    const { code, stdout } = await runCli([]);
    expect(stdout).toMatch(/^Usage: poolcheck /);
    expect(code).toBe(2);
  });
});
