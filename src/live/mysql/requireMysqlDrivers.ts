// The MySQL/MariaDB adapters' way to reach the live backend's drivers, or a clear word on why not.
import type { Backend } from '../../adapter/Backend.ts';
import { PoolcheckError } from '../../errors.ts';
import type { MysqlDrivers } from '../../adapter/MysqlDrivers.ts';

export function requireMysqlDrivers(backend: Backend, adapter: string): MysqlDrivers {
  const drivers = backend.drivers?.mysql;
  if (!drivers) throw new PoolcheckError('POOLCHECK_USAGE', `adapter ${adapter} runs only in live mode on MySQL/MariaDB: its pool opens its own connections to a real server`);
  return drivers;
}
