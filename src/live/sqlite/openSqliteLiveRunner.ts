// Placeholder until the SQLite live runner lands.
import { PoolcheckError } from '../../errors.ts';
import type { LiveRunner } from '../openLiveRunner.ts';

export function openSqliteLiveRunner(): Promise<LiveRunner> {
  return Promise.reject(new PoolcheckError('POOLCHECK_ENVIRONMENT', 'live mode on SQLite is not built yet'));
}
