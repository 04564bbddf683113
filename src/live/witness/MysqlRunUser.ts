// The tag of a MySQL/MariaDB run: a user of its own, `poolcheck_<runId>`, created when the run
// starts and dropped when it ends.
//
// Why not connect attributes? They are the natural per-connection tag (mysql2 and mariadb both
// send `connectAttributes`), but the server only shows them in
// performance_schema.session_connect_attrs, and performance_schema is off by default in MariaDB
// (and on this project's machine) and can only be switched on by restarting the server with
// `--performance_schema=ON`: `SET GLOBAL performance_schema` fails with "read only variable". A
// witness that works only on some servers would give no verdict on the others. The user, on the
// other hand, is in every process list (information_schema.PROCESSLIST.USER, MySQL and MariaDB
// alike), cannot be changed by the session short of a COM_CHANGE_USER with our password, and
// lets the server itself enforce "only ours": a session may KILL the sessions of its own user
// without any privilege, and no others, so the witness kills over a connection of the run user
// and a foreign session cannot be killed even by a bug in poolcheck. The price: the URL's user
// needs CREATE USER (root in a test container, usually), and the pool logs in as the run user.
//
// The user gets only database-level privileges on the URL's database: no PROCESS, SUPER or
// CONNECTION ADMIN, which is what keeps both the process list and KILL confined to its own
// sessions. Host '%': the pool may reach the server through poolcheck's fault proxy or a
// container's port mapping, from an address the admin connection does not use.
import { randomBytes } from 'node:crypto';
import type { Connection } from 'mysql2/promise';
import { PoolcheckError } from '../../errors.ts';
import { recordRunUser, sweepRunUsers } from './mysqlUserLedger.ts';

/** The user that tags a run's sessions (32 characters at most: runTag keeps run ids short). */
export const runUserName = (runId: string): string => `poolcheck_${runId}`;

export class MysqlRunUser {
  readonly host = '%';
  /** Not enumerable, so printing the user (or a witness holding it) never shows it. */
  declare readonly password: string;

  /** Forgets the user in this process's ledger once it is dropped (see mysqlUserLedger). */
  private forget: () => void = () => {};

  private constructor(readonly name: string, password: string) {
    Object.defineProperty(this, 'password', { value: password, enumerable: false });
  }

  /** Creates the run's user over the admin connection; throws without echoing any SQL. */
  static async create(admin: Connection, runId: string, database: string | undefined, server: string): Promise<MysqlRunUser> {
    // Upper, lower, digit and punctuation up front satisfy a validate_password policy.
    const user = new MysqlRunUser(runUserName(runId), `Pc1-${randomBytes(18).toString('base64url')}`);
    // What SIGKILLed runs left on this server goes first; this run's user is noted before it exists.
    await sweepRunUsers(admin, server).catch(() => []);
    user.forget = recordRunUser(server, user.name);
    try {
      await user.run(admin, 'CREATE USER ?@? IDENTIFIED BY ?', [user.name, user.host, user.password], server,
        `create poolcheck's user for this run, ${user.name} (the URL's user needs CREATE USER: poolcheck tells its sessions apart by user)`);
    } catch (error) {
      user.forget();
      throw error;
    }
    if (database !== undefined) {
      try {
        await user.run(admin, `GRANT ALL PRIVILEGES ON ${admin.escapeId(database)}.* TO ?@?`, [user.name, user.host], server, `grant ${user.name} the use of database ${database}`);
      } catch (error) {
        await user.drop(admin, server).catch(() => undefined);
        throw error;
      }
    }
    return user;
  }

  async drop(admin: Connection, server: string): Promise<void> {
    await this.run(admin, 'DROP USER IF EXISTS ?@?', [this.name, this.host], server, `drop poolcheck's user ${this.name}`);
    this.forget();
  }

  // mysql2 errors carry the statement as sent (`error.sql`), password included: never let one out.
  private async run(admin: Connection, sql: string, values: unknown[], server: string, what: string): Promise<void> {
    try {
      await admin.query(sql, values);
    } catch (error) {
      const { code, message } = error as { code?: string; message: string };
      throw new PoolcheckError('POOLCHECK_ENVIRONMENT', `Cannot ${what} on ${server}: ${code ?? 'error'}: ${message.replaceAll(this.password, '***')}`);
    }
  }
}
