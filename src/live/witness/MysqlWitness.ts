// MySQL/MariaDB as the witness of a live run. The run's tag is a user of its own (see
// MysqlRunUser for why), so the run's sessions are the process-list rows of that user.
//
// Two connections of the witness's own, neither part of any pool:
// - admin, as the URL's user: creates and drops the run user, reads the server's limits.
// - observer, as the run user: lists, counts and kills the run's sessions. Without the PROCESS
//   privilege a user sees only its own threads and may KILL only those, so the server itself
//   confines the observer to this run even if a wrong identity reaches kill(); the queries also
//   name the user and exclude the observer (CONNECTION_ID()), so it never counts or kills itself.
import type { Connection, RowDataPacket } from 'mysql2/promise';
import type { MysqlLogin } from '../../adapter/MysqlDrivers.ts';
import { inspect } from 'node:util';
import { PoolcheckError } from '../../errors.ts';
import { cleanupRegistry } from '../database/cleanupRegistry.ts';
import { MysqlRunUser } from './MysqlRunUser.ts';
import { mysqlServer } from './mysqlAdmin.ts';
import { runTag } from './runTag.ts';
import { waitUntil } from './waitUntil.ts';
import type { Witness, WitnessOptions, WitnessSample, WitnessSession } from './Witness.ts';

/** Options both mysql2 and mariadb accept (createConnection / createPool). */
export interface MysqlPoolOptions extends MysqlLogin {
  /** Informative only: shows the tag where performance_schema is on; the witness does not rely on it. */
  readonly connectAttributes: Record<string, string>;
}

const MINE = `FROM information_schema.PROCESSLIST WHERE USER = ? AND ID <> CONNECTION_ID()`;

export class MysqlWitness implements Witness {
  readonly kind = 'mysql';
  readonly tag: string;
  private broken: Error | undefined;

  private constructor(
    readonly runId: string,
    readonly server: string,
    private readonly admin: Connection,
    private readonly observer: Connection,
    private readonly user: MysqlRunUser,
    /** Options for the pool under test: its connections log in as the run user. */
    readonly poolOptions: MysqlPoolOptions,
    private readonly mariadb: boolean,
    private readonly now: () => number,
  ) {
    this.tag = user.name;
    for (const c of [admin, observer]) c.on('error', (error: Error) => (this.broken = error));
  }

  static async open(url: string, runId: string, options: WitnessOptions = {}): Promise<MysqlWitness> {
    const { label: server, host, port, database, connect } = mysqlServer(url, runId);
    const admin = await connect('the URL\'s user');
    let user: MysqlRunUser | undefined;
    try {
      const [[version]] = await admin.query<Array<{ v: string } & RowDataPacket>>('SELECT VERSION() AS v');
      user = await MysqlRunUser.create(admin, runId, database, server);
      const poolOptions = redacted({ host, port, user: user.name, password: user.password, database, connectAttributes: { program_name: runTag(runId) } });
      const observer = await connect(`poolcheck's user ${user.name}`, { ...poolOptions, connectAttributes: { program_name: runTag(runId, 'admin') } });
      // An anonymous account (''@'localhost') would outrank 'poolcheck_x'@'%' for local
      // connections; then the pool's sessions would not carry the tag at all.
      const [[who]] = await observer.query<Array<{ u: string } & RowDataPacket>>('SELECT CURRENT_USER() AS u');
      if (who?.u !== `${user.name}@%`) {
        await observer.end().catch(() => undefined);
        throw new PoolcheckError('POOLCHECK_ENVIRONMENT', `${server} logged poolcheck's user ${user.name} in as ${String(who?.u)} (an anonymous account?), so its sessions could not be told apart`);
      }
      const witness = new MysqlWitness(runId, server, admin, observer, user, poolOptions, /mariadb/i.test(version?.v ?? ''), options.now ?? (() => performance.now()));
      witness.track();
      return witness;
    } catch (error) {
      if (user) await user.drop(admin, server).catch(() => undefined);
      await admin.end().catch(() => undefined);
      throw error;
    }
  }

  async sessions(): Promise<WitnessSession[]> {
    // MariaDB gives milliseconds (TIME_MS); MySQL only whole seconds.
    const ms = this.mariadb ? 'TIME_MS' : 'TIME * 1000';
    const rows = await this.query<{ id: number; command: string; ms: string | number | null }>(`SELECT ID AS id, COMMAND AS command, ${ms} AS ms ${MINE}`, [this.user.name]);
    const at = this.now();
    return rows.map((r) => ({ identity: `my:${r.id}`, state: r.command, since: r.ms === null ? null : at - Number(r.ms) }));
  }

  async sample(): Promise<WitnessSample> {
    const sentAt = this.now();
    // execute(): a server-side prepared statement, reused; about a quarter faster than query().
    const rows = await this.query<{ n: number }>(`SELECT COUNT(*) AS n ${MINE}`, [this.user.name], this.observer, true);
    return { count: Number(rows[0]?.n ?? 0), sentAt, receivedAt: this.now() };
  }

  async kill(identity: string): Promise<boolean> {
    const id = /^my:(\d+)$/.exec(identity)?.[1];
    if (id === undefined) return false;
    if (!(await this.listed(id))) return false;
    if (!(await this.killId(id))) return false;
    await waitUntil(async () => !(await this.listed(id)), `${this.server} no longer lists the killed session ${identity}`);
    return true;
  }

  async killAll(): Promise<number> {
    const rows = await this.query<{ id: number }>(`SELECT ID AS id ${MINE}`, [this.user.name]);
    let killed = 0;
    for (const { id } of rows) if (await this.killId(String(id))) killed++;
    await waitUntil(
      async () => (await this.query<{ n: number }>(`SELECT COUNT(*) AS n ${MINE} AND ID IN (?)`, [this.user.name, rows.length ? rows.map((r) => r.id) : [0]]))[0]?.n === 0,
      `${this.server} no longer lists the killed sessions of ${this.user.name}`,
    );
    return killed;
  }

  async maxConnections(): Promise<number> {
    // The run user has no SUPER / CONNECTION_ADMIN, so the one extra slot kept for those is not its.
    const [r] = await this.query<{ max: number }>('SELECT @@max_connections AS max', [], this.admin);
    return Number(r?.max);
  }

  async usedConnections(): Promise<number> {
    const rows = await this.query<{ Value: string }>(`SHOW GLOBAL STATUS LIKE 'Threads_connected'`, [], this.admin);
    return Number(rows[0]?.Value);
  }

  /**
   * Kills the run's sessions and drops its user, once. Registered for cleanup on Ctrl-C and
   * SIGTERM; after a SIGKILL the next run's sweep drops the user (see mysqlUserLedger).
   */
  async close(): Promise<number> {
    this.closing ??= this.shutDown();
    const killed = await this.closing;
    await this.untrack();
    return killed;
  }

  private closing: Promise<number> | undefined;
  private untrack: () => Promise<void> = () => Promise.resolve();

  private track(): void {
    this.untrack = cleanupRegistry.track({
      name: `poolcheck's user ${this.user.name} on ${this.server}`,
      stop: async () => {
        this.closing ??= this.shutDown();
        await this.closing;
      },
      // Nothing synchronous can drop a user: the ledger lets the next run do it.
      stopNow: () => {},
    });
  }

  private async shutDown(): Promise<number> {
    let killed = 0;
    try {
      if (!this.broken) killed = await this.killAll();
    } finally {
      await this.observer.end().catch(() => undefined);
      // Dropped even when killing failed: after this nothing can log in as the run's user.
      try {
        await this.user.drop(this.admin, this.server);
      } finally {
        await this.admin.end().catch(() => undefined);
      }
    }
    return killed;
  }

  /** Whether the observer still sees a session of the run user with this id. */
  private async listed(id: string): Promise<boolean> {
    const rows = await this.query<{ n: number }>(`SELECT COUNT(*) AS n ${MINE} AND ID = ?`, [this.user.name, Number(id)]);
    return Number(rows[0]?.n) > 0;
  }

  /** KILL over the observer: the server refuses any session not of the run user. */
  private async killId(id: string): Promise<boolean> {
    try {
      await this.query(`KILL CONNECTION ${Number(id)}`, []);
      return true;
    } catch (error) {
      // ER_NO_SUCH_THREAD: already gone (or, to this user, invisible: not ours).
      if ((error as { errno?: number }).errno === 1094) return false;
      throw error;
    }
  }

  private async query<R>(sql: string, values: unknown[], conn: Connection = this.observer, prepared = false): Promise<R[]> {
    if (this.broken) throw this.lost(this.broken);
    try {
      const [rows] = prepared ? await conn.execute(sql, values as string[]) : await conn.query(sql, values);
      return rows as R[];
    } catch (error) {
      throw this.broken ? this.lost(this.broken) : error;
    }
  }

  private lost(error: Error): PoolcheckError {
    return new PoolcheckError('POOLCHECK_ENVIRONMENT', `The witness lost its connection to ${this.server}: ${error.message}`);
  }

  [inspect.custom](): string {
    return `MysqlWitness { server: '${this.server}', tag: '${this.tag}' }`;
  }
}

/** Pool options whose password util.inspect and JSON.stringify do not show, yet spreads keep. */
function redacted(options: MysqlPoolOptions): MysqlPoolOptions {
  const show = (): object => ({ ...options, password: '***' });
  Object.defineProperty(options, 'toJSON', { value: show, enumerable: false });
  Object.defineProperty(options, inspect.custom, { value: show, enumerable: false });
  return options;
}
