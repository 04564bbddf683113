// The live runner a worker opens for its database, imported only then: the live runners load
// their drivers (pg, mysql2, better-sqlite3) as they are imported, and the same worker judges
// model mode, which needs none of them. The drivers are optional for the package's users, so a
// missing one is one line saying what to install, not a stack trace.
import { missingPackage } from '../adapter/missingPackage.ts';
import { PoolcheckError } from '../errors.ts';
import type { LiveRunner } from '../live/openLiveRunner.ts';
import type { LiveOrder } from './WorkerOrder.ts';

const databaseNames = { postgres: 'PostgreSQL', mysql: 'MySQL/MariaDB', sqlite: 'SQLite' } as const;

async function importFor<T>(database: LiveOrder, importing: () => Promise<T>): Promise<T> {
  try {
    return await importing();
  } catch (error) {
    const name = missingPackage(error);
    if (name === null) throw error;
    throw new PoolcheckError('POOLCHECK_ENVIRONMENT', `live mode on ${databaseNames[database.kind]} needs the package \`${name}\`, which is not installed: run \`npm install --save-dev ${name}\``);
  }
}

export async function openWorkerLiveRunner(database: LiveOrder, ownConnections: boolean): Promise<LiveRunner> {
  switch (database.kind) {
    case 'sqlite':
      return (await importFor(database, () => import('../live/sqlite/openSqliteLiveRunner.ts'))).openSqliteLiveRunner();
    case 'mysql':
      return (await importFor(database, () => import('../live/mysql/openMysqlLiveRunner.ts'))).openMysqlLiveRunner(database);
    default:
      return (await importFor(database, () => import('../live/openPgLiveRunner.ts'))).openPgLiveRunner(database, { ownConnections });
  }
}
