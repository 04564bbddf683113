// Starts PostgreSQL or MariaDB with testcontainers and registers the container for cleanup.
// Container.stop() removes it and its volumes; if poolcheck dies without stopping it,
// testcontainers' reaper (Ryuk) removes it once our process is gone, and on a synchronous exit
// we also ask the docker CLI to remove it, in case the reaper is switched off.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type * as PostgresModule from '@testcontainers/postgresql';
import type * as MariadbModule from '@testcontainers/mariadb';
import type { DatabaseKind } from './Database.ts';
import { cleanupRegistry } from './cleanupRegistry.ts';
import { environmentError } from './environmentError.ts';
import { importModule, type ModuleLoader } from './importModule.ts';
import type { StartedServer } from './startEmbeddedPostgres.ts';

/** What both started containers offer (the rest of their API is not needed here). */
interface StartedDbContainer {
  getHost(): string;
  getPort(): number;
  getId(): string;
  getDatabase(): string;
  stop(): Promise<unknown>;
}

const defaults: Record<DatabaseKind, { image: string; env: string }> = {
  postgres: { image: 'postgres:17-alpine', env: 'POOLCHECK_PG_IMAGE' },
  mysql: { image: 'mariadb:11', env: 'POOLCHECK_MYSQL_IMAGE' },
};

export async function startContainer(kind: DatabaseKind, env: NodeJS.ProcessEnv, load: ModuleLoader): Promise<StartedServer> {
  const image = env[defaults[kind].env] || defaults[kind].image;
  const password = randomBytes(18).toString('base64url');
  let user: string;
  let started: StartedDbContainer;
  try {
    if (kind === 'postgres') {
      const { PostgreSqlContainer } = await importModule<typeof PostgresModule>('@testcontainers/postgresql', 'PostgreSQL in a container', load);
      user = 'postgres';
      started = await new PostgreSqlContainer(image).withUsername(user).withPassword(password).withDatabase('poolcheck').start();
    } else {
      const { MariaDbContainer } = await importModule<typeof MariadbModule>('@testcontainers/mariadb', 'MariaDB in a container', load);
      // root: the server-side witnesses read the whole process list and KILL tagged sessions.
      user = 'root';
      started = await new MariaDbContainer(image).withRootPassword(password).withDatabase('poolcheck').start();
    }
  } catch (error) {
    if (error instanceof Error && error.name === 'PoolcheckError') throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw environmentError(`could not start a ${image} container with testcontainers: ${reason}`, [password]);
  }
  const stop = cleanupRegistry.track({
    name: `${image} container ${started.getId().slice(0, 12)}`,
    async stop() {
      await started.stop();
    },
    stopNow() {
      spawnSync('docker', ['rm', '--force', '--volumes', started.getId()], { stdio: 'ignore', timeout: 5_000 });
    },
  });
  return { host: started.getHost(), port: started.getPort(), user, password, database: started.getDatabase(), stop };
}
