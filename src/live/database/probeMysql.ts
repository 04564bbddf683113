// Connects once with `mysql2` and asks the server for its version (MySQL or MariaDB: both
// speak the same protocol; `mariadb://` URLs are read the same way).
import type { ConnectionOptions, Connection } from 'mysql2/promise';
import { connectError, type ConnectTarget } from './connectError.ts';
import { importModule, type ModuleLoader } from './importModule.ts';

export async function probeMysql(
  fields: { host: string; port: number; user: string; password: string; database: string },
  target: ConnectTarget,
  load: ModuleLoader,
  timeoutMillis: number,
): Promise<string> {
  type Driver = { createConnection(options: ConnectionOptions): Promise<Connection> };
  // A CommonJS module: its functions are named exports and also sit on `default`.
  const module = await importModule<Driver & { default?: Driver }>('mysql2/promise', 'MySQL/MariaDB', load);
  const driver = module.default ?? module;
  let connection: Connection | undefined;
  try {
    connection = await driver.createConnection({
      host: fields.host,
      port: fields.port,
      user: fields.user,
      password: fields.password,
      ...(fields.database ? { database: fields.database } : {}),
      connectTimeout: timeoutMillis,
    });
    const [rows] = await connection.query({ sql: 'SELECT VERSION() AS version', timeout: timeoutMillis });
    const version = (rows as Array<{ version?: string }>)[0]?.version ?? 'unknown';
    return `${/mariadb/i.test(version) ? 'MariaDB' : 'MySQL'} ${version}`;
  } catch (error) {
    throw connectError(error, target);
  } finally {
    await connection?.end().catch(() => {});
  }
}
