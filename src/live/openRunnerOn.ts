// The live runner for an adapter on the database it runs on: PostgreSQL (through the fault proxy,
// or by address for a pool that opens its own connections), MySQL/MariaDB, or SQLite. One place
// for the choice, shared by the CLI's worker thread (src/isolation/judgeWorker.ts) and the vitest
// entry (suites/describeLivePool.ts), so both judge the same way.
//
// Each runner is imported only here, when it is needed: the live runners load their drivers (pg,
// mysql2, better-sqlite3) as they are imported, and model mode needs none of them. The drivers are
// optional for the package's users, so a missing one is one line saying what to install.
import type { Adapter } from '../adapter/Adapter.ts';
import { missingPackage } from '../missingPackage.ts';
import { PoolcheckError } from '../errors.ts';
import type { DatabaseAddress } from './database/Database.ts';
import type { LiveRunner } from './openLiveRunner.ts';

type Where = DatabaseAddress | { readonly kind: 'sqlite' };

const databaseNames = { postgres: 'PostgreSQL', mysql: 'MySQL/MariaDB', sqlite: 'SQLite' } as const;

async function importFor<T>(database: Where, importing: () => Promise<T>): Promise<T> {
  try {
    return await importing();
  } catch (error) {
    const name = missingPackage(error);
    if (name === null) throw error;
    throw new PoolcheckError('POOLCHECK_ENVIRONMENT', `live mode on ${databaseNames[database.kind]} needs the package \`${name}\`, which is not installed: run \`npm install --save-dev ${name}\``);
  }
}

export async function openRunnerOn(database: Where, adapter: Adapter): Promise<LiveRunner> {
  switch (database.kind) {
    case 'sqlite':
      return (await importFor(database, () => import('./sqlite/openSqliteLiveRunner.ts'))).openSqliteLiveRunner();
    case 'mysql':
      return (await importFor(database, () => import('./mysql/openMysqlLiveRunner.ts'))).openMysqlLiveRunner(database);
    case 'postgres':
      return (await importFor(database, () => import('./openPgLiveRunner.ts'))).openPgLiveRunner(database, { ownConnections: adapter.runsOn?.ownConnections === true });
  }
}
