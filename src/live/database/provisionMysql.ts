// Gets poolcheck a real MySQL or MariaDB: POOLCHECK_MYSQL_URL (mysql:// or mariadb://), else
// MariaDB in a container when a runtime answers. There is no embedded MySQL, so otherwise the
// answer is a value saying how to enable these runs: the runner reports the MySQL adapters as
// skipped with it, never as passed.
import type { Database, SkippedDatabase } from './Database.ts';
import type { MysqlChoice } from './DbChoice.ts';
import { connectedDatabase, startedServerUrl } from './connectedDatabase.ts';
import { describeChoice } from './describeChoice.ts';
import { environmentError } from './environmentError.ts';
import { parseDatabaseUrl } from './parseDatabaseUrl.ts';
import { resolveProvisionDeps, type ProvisionDeps } from './ProvisionDeps.ts';
import { startContainer } from './startContainer.ts';

export const noMysql = 'no MySQL/MariaDB: set POOLCHECK_MYSQL_URL=mysql://user:pass@host:port/db or start a container runtime';

export async function provisionMysql(
  choice: MysqlChoice = 'auto',
  env: NodeJS.ProcessEnv = process.env,
  looseDeps: Partial<ProvisionDeps> = {},
): Promise<Database | SkippedDatabase> {
  const deps = resolveProvisionDeps(looseDeps);
  const fromUrl = (url: string, source: string) => connectedDatabase(parseDatabaseUrl(url, 'mysql', source), source, 'url', deps);
  const container = async () => {
    const server = await startContainer('mysql', env, deps.importModule);
    return connectedDatabase(startedServerUrl('mysql', server, 'a testcontainers MariaDB'), 'a testcontainers MariaDB', 'testcontainers', deps, server.stop);
  };

  if (choice.includes('://')) return fromUrl(choice, '--db');
  switch (choice) {
    case 'testcontainers':
      if (await deps.containerRuntime(env)) return container();
      throw environmentError('--db testcontainers: no container runtime answers (checked DOCKER_HOST, ~/.testcontainers.properties and the Docker sockets): start Docker or Podman, or set POOLCHECK_MYSQL_URL');
    case 'auto':
      if (env['POOLCHECK_MYSQL_URL']) return fromUrl(env['POOLCHECK_MYSQL_URL'], 'POOLCHECK_MYSQL_URL');
      if (await deps.containerRuntime(env)) return container();
      return { skipped: noMysql };
    default:
      throw environmentError(
        choice === 'embedded'
          ? 'there is no embedded MySQL/MariaDB: set POOLCHECK_MYSQL_URL or use --db testcontainers'
          : `expected a MySQL choice of auto, testcontainers or a mysql:// URL, got ${describeChoice(choice)}`,
        [],
        'POOLCHECK_USAGE',
      );
  }
}
