// The live runner for an adapter on the database it runs on: PostgreSQL (through the fault proxy,
// or by address for a pool that opens its own connections), MySQL/MariaDB, or SQLite. One place
// for the choice, shared by the CLI's worker thread (src/isolation/judgeWorker.ts) and the vitest
// entry (suites/describeLivePool.ts), so both judge the same way.
import type { Adapter } from '../adapter/Adapter.ts';
import type { DatabaseAddress } from './database/Database.ts';
import { openMysqlLiveRunner } from './mysql/openMysqlLiveRunner.ts';
import type { LiveRunner } from './openLiveRunner.ts';
import { openPgLiveRunner } from './openPgLiveRunner.ts';
import { openSqliteLiveRunner } from './sqlite/openSqliteLiveRunner.ts';

export function openRunnerOn(database: DatabaseAddress | { readonly kind: 'sqlite' }, adapter: Adapter): Promise<LiveRunner> {
  switch (database.kind) {
    case 'sqlite':
      return openSqliteLiveRunner();
    case 'mysql':
      return openMysqlLiveRunner(database);
    case 'postgres':
      return openPgLiveRunner(database, { ownConnections: adapter.runsOn?.ownConnections === true });
  }
}
