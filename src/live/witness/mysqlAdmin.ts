// The URL's user on a MySQL/MariaDB server, as the witness and the main thread's cleanup connect
// with it: where the server is (for messages: never the URL, which may carry a password), and a
// connection tagged as poolcheck's admin session of the run.
import type { Connection } from 'mysql2/promise';
import { PoolcheckError } from '../../errors.ts';
import { parseServerUrl } from './parseServerUrl.ts';
import { runTag } from './runTag.ts';
import { serverLabel } from './serverLabel.ts';

export interface MysqlServer {
  /** `MySQL at 127.0.0.1:3306`. */
  readonly label: string;
  readonly host: string;
  readonly port: number;
  readonly database: string | undefined;
  /** Connects with `options` (by default as the URL's user); `what` names the login in errors. */
  readonly connect: (what: string, options?: object) => Promise<Connection>;
}

export function mysqlServer(url: string, runId: string): MysqlServer {
  const parsed = parseServerUrl('MySQL', url);
  const label = serverLabel('MySQL', parsed);
  const host = decodeURIComponent(parsed.hostname) || 'localhost';
  const port = Number(parsed.port || 3306);
  const urlUser = { user: decodeURIComponent(parsed.username) || 'root', password: decodeURIComponent(parsed.password) };
  return {
    label,
    host,
    port,
    database: decodeURIComponent(parsed.pathname.slice(1)) || undefined,
    async connect(what, options = urlUser) {
      const mysql = await importMysql2();
      try {
        return await mysql.createConnection({ host, port, connectAttributes: { program_name: runTag(runId, 'admin') }, ...options });
      } catch (error) {
        // mysql2's connect errors name the user and whether a password was used, never the password.
        throw new PoolcheckError('POOLCHECK_ENVIRONMENT', `Cannot connect to ${label} as ${what}: ${(error as Error).message}`);
      }
    },
  };
}

/** mysql2 is loaded when a MySQL run starts, so other runs work without it. */
async function importMysql2(): Promise<typeof import('mysql2/promise')> {
  try {
    return await import('mysql2/promise');
  } catch {
    throw new PoolcheckError('POOLCHECK_ENVIRONMENT', 'The MySQL/MariaDB witness needs the `mysql2` package: npm install --save-dev mysql2');
  }
}
