// The databases of one live run, provisioned when the first adapter that needs one comes, shared
// by every adapter of the run, and stopped together at its end. Each adapter gets a runner of its
// own (its own run id, witness and tolerances) on its kind of database.
import type { LiveDatabase } from '../adapter/Adapter.ts';
import type { LiveJudging } from '../runner/judgeAdapter.ts';
import type { Database, DbSelection, SkippedDatabase } from './database/index.ts';
import { provisionMysql, provisionPostgres } from './database/index.ts';
import { openMysqlLiveRunner } from './mysql/openMysqlLiveRunner.ts';
import type { LiveRunner } from './openLiveRunner.ts';
import { openPgLiveRunner } from './openPgLiveRunner.ts';
import { openSqliteLiveRunner } from './sqlite/openSqliteLiveRunner.ts';

/** A runner to judge one adapter with, and how to let go of it; or why its database is not here. */
export type LiveSession = (LiveJudging & { readonly runner: LiveRunner }) | { readonly skipped: string };

export class LiveDatabases {
  private postgres: Promise<Database> | undefined;
  private mysql: Promise<Database | SkippedDatabase> | undefined;

  constructor(private readonly selection: DbSelection = {}) {}

  /** A fresh runner on the adapter's kind of database, provisioning that database the first time. */
  async open(kind: LiveDatabase): Promise<LiveSession> {
    switch (kind) {
      case 'postgres': {
        this.postgres ??= provisionPostgres(this.selection.postgres ?? 'auto');
        const runner = await openPgLiveRunner(await this.postgres);
        return { runner, info: runner.info };
      }
      case 'mysql': {
        this.mysql ??= provisionMysql(this.selection.mysql ?? 'auto');
        const database = await this.mysql;
        if ('skipped' in database) return { skipped: database.skipped };
        const runner = await openMysqlLiveRunner(database);
        return { runner, info: runner.info };
      }
      case 'sqlite': {
        const runner = await openSqliteLiveRunner();
        return { runner, info: runner.info };
      }
    }
  }

  /**
   * The PostgreSQL database itself, provisioned the first time, for a runner opened elsewhere
   * (a worker thread: src/isolation/); it stays with this object, which stops it.
   */
  postgresDatabase(): Promise<Database> {
    this.postgres ??= provisionPostgres(this.selection.postgres ?? 'auto');
    return this.postgres;
  }

  /** Stops whatever was provisioned; safe to call when nothing was. */
  async stop(): Promise<void> {
    const started = [this.postgres, this.mysql].filter((p) => p !== undefined);
    const results = await Promise.allSettled(started);
    const stops = results.flatMap((r) => (r.status === 'fulfilled' && 'stop' in r.value ? [r.value.stop()] : []));
    await Promise.allSettled(stops);
  }
}
