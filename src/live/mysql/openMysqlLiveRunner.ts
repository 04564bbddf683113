// Placeholder until the MySQL/MariaDB live runner lands.
import { PoolcheckError } from '../../errors.ts';
import type { Database } from '../database/Database.ts';
import type { LiveRunner } from '../openLiveRunner.ts';

export function openMysqlLiveRunner(_database: Database): Promise<LiveRunner> {
  return Promise.reject(new PoolcheckError('POOLCHECK_ENVIRONMENT', 'live mode on MySQL/MariaDB is not built yet'));
}
