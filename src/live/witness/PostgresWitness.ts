// PostgreSQL as the witness of a live run. Its sessions are the rows of pg_stat_activity whose
// application_name is the run's tag (see pgTaggedConfig), read over an admin connection of the
// witness's own that carries a different tag, so it never counts or kills itself. Every query
// that reads or terminates sessions names the tag in its WHERE clause: a wrong identity passed
// in from elsewhere matches no row, and nothing without the tag can be touched.
import type { Client } from 'pg';
import { PoolcheckError } from '../../errors.ts';
import { parseServerUrl } from './parseServerUrl.ts';
import { pgBackendStartSql } from './pgBackendStartSql.ts';
import { pgTaggedConfig } from './pgTaggedConfig.ts';
import { runTag } from './runTag.ts';
import { serverLabel } from './serverLabel.ts';
import { waitUntil } from './waitUntil.ts';
import type { Witness, WitnessOptions, WitnessSample, WitnessSession } from './Witness.ts';

/** The server-side identity, the same string connectionIdentity() builds from the client side. */
const IDENTITY = `'pg:' || pid || '@' || ${pgBackendStartSql}`;

const SQL = {
  count: `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1`,
  sessions: `SELECT ${IDENTITY} AS identity, state,
      (extract(epoch FROM clock_timestamp() - state_change) * 1000)::float8 AS in_state_ms
    FROM pg_stat_activity WHERE application_name = $1`,
  identityOf: `SELECT ${IDENTITY} AS identity FROM pg_stat_activity WHERE application_name = $1 AND pid = $2`,
  kill: `SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE application_name = $1 AND ${IDENTITY} = $2`,
  killAll: `SELECT ${IDENTITY} AS identity, pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE application_name = $1`,
  remaining: `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND ${IDENTITY} = ANY($2::text[])`,
  // What a connection of the pool's role may use: superusers may use every slot, other roles
  // not the superuser-reserved ones (nor, from PostgreSQL 16, the reserved_connections ones).
  limit: `SELECT current_setting('max_connections')::int AS max,
      current_setting('superuser_reserved_connections')::int AS su_reserved,
      coalesce(current_setting('reserved_connections', true), '0')::int AS reserved,
      (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS su`,
  used: `SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'client backend'`,
};

export class PostgresWitness implements Witness {
  readonly kind = 'postgres';
  readonly tag: string;
  private broken: Error | undefined;

  private constructor(
    readonly runId: string,
    readonly server: string,
    private readonly admin: Client,
    private readonly now: () => number,
  ) {
    this.tag = runTag(runId);
    // A server that drops the admin connection must not crash the run with an unhandled
    // 'error' event; the next call reports it instead.
    admin.on('error', (error) => (this.broken = error));
  }

  static async open(url: string, runId: string, options: WitnessOptions = {}): Promise<PostgresWitness> {
    const server = serverLabel('PostgreSQL', parseServerUrl('PostgreSQL', url));
    const config = pgTaggedConfig(url, runId, 'admin');
    const pg = await importPg();
    const admin = new pg.Client(config);
    try {
      await admin.connect();
    } catch (error) {
      // pg's connect errors name host, port and user but never the password.
      throw new PoolcheckError('POOLCHECK_ENVIRONMENT', `Cannot connect to ${server}: ${(error as Error).message}`);
    }
    return new PostgresWitness(runId, server, admin, options.now ?? (() => performance.now()));
  }

  async sessions(): Promise<WitnessSession[]> {
    const rows = await this.query<{ identity: string; state: string | null; in_state_ms: number | null }>(SQL.sessions, [this.tag]);
    const at = this.now();
    return rows.map((r) => ({ identity: r.identity, state: r.state ?? 'unknown', since: r.in_state_ms === null ? null : at - r.in_state_ms }));
  }

  async sample(): Promise<WitnessSample> {
    const sentAt = this.now();
    // A named statement: parsed and planned once per admin connection, then only executed.
    const rows = await this.query<{ n: number }>({ name: 'poolcheck_witness_count', text: SQL.count }, [this.tag]);
    return { count: rows[0]?.n ?? 0, sentAt, receivedAt: this.now() };
  }

  /**
   * The identity of this run's session with backend pid `pid`, or null when no session of this
   * run has it: how a session seen on the wire (its BackendKeyData) is named as the witness names it.
   */
  async identityOf(pid: number): Promise<string | null> {
    const rows = await this.query<{ identity: string }>(SQL.identityOf, [this.tag, pid]);
    return rows[0]?.identity ?? null;
  }

  async kill(identity: string): Promise<boolean> {
    const rows = await this.query<{ killed: boolean }>(SQL.kill, [this.tag, identity]);
    // No row: no session of this run has that identity. false: it was already exiting; wait for
    // that too, so that the session is unlisted whenever kill() resolves.
    if (rows.length > 0) await this.waitGone([identity]);
    return rows.some((r) => r.killed);
  }

  async killAll(): Promise<number> {
    const rows = await this.query<{ identity: string; killed: boolean }>(SQL.killAll, [this.tag]);
    // Sessions that were exiting on their own are not counted as killed but waited for as well.
    await this.waitGone(rows.map((r) => r.identity));
    return rows.filter((r) => r.killed).length;
  }

  async maxConnections(): Promise<number> {
    const [r] = await this.query<{ max: number; su_reserved: number; reserved: number; su: boolean }>(SQL.limit);
    if (r === undefined) throw new PoolcheckError('POOLCHECK_ENVIRONMENT', `${this.server} did not report max_connections`);
    return r.su ? r.max : r.max - r.su_reserved - r.reserved;
  }

  async usedConnections(): Promise<number> {
    const [r] = await this.query<{ n: number }>(SQL.used);
    return r?.n ?? 0;
  }

  async close(): Promise<number> {
    try {
      return this.broken ? 0 : await this.killAll();
    } finally {
      await this.admin.end().catch(() => undefined);
    }
  }

  private async waitGone(identities: string[]): Promise<void> {
    if (identities.length === 0) return;
    await waitUntil(
      async () => (await this.query<{ n: number }>(SQL.remaining, [this.tag, identities]))[0]?.n === 0,
      `${this.server} no longer lists the terminated session(s) ${identities.join(', ')}`,
    );
  }

  /** One query at a time on the admin connection (pg queues them, but deprecates being asked to). */
  private last: Promise<unknown> = Promise.resolve();

  private query<R>(sql: string | { name: string; text: string }, values: unknown[] = []): Promise<R[]> {
    const next = this.last.then(() => this.queryNow<R>(sql, values));
    this.last = next.catch(() => undefined);
    return next;
  }

  private async queryNow<R>(sql: string | { name: string; text: string }, values: unknown[] = []): Promise<R[]> {
    if (this.broken) throw this.lost(this.broken);
    try {
      const config = typeof sql === 'string' ? { text: sql, values } : { ...sql, values };
      return (await this.admin.query(config)).rows as R[];
    } catch (error) {
      throw this.broken ? this.lost(this.broken) : error;
    }
  }

  private lost(error: Error): PoolcheckError {
    return new PoolcheckError('POOLCHECK_ENVIRONMENT', `The witness lost its connection to ${this.server}: ${error.message}`);
  }
}

/** pg is loaded when a PostgreSQL run starts, so a MySQL-only or SQLite-only run works without it. */
async function importPg(): Promise<typeof import('pg')> {
  try {
    return await import('pg');
  } catch {
    throw new PoolcheckError('POOLCHECK_ENVIRONMENT', 'The PostgreSQL witness needs the `pg` package: npm install --save-dev pg');
  }
}
