// The databases of one live run, provisioned when the first adapter that needs one comes, shared
// by every adapter of the run, and stopped together at its end. Each adapter's runner is opened
// where it is judged (a worker thread: src/isolation/), with its own run id, witness and
// tolerances, from the address given here; stopping stays with this object.
import type { LiveDatabase } from '../adapter/Adapter.ts';
import type { Database, DatabaseAddress, DbSelection, SkippedDatabase } from './database/index.ts';
import { databaseAddress, provisionMysql, provisionPostgres } from './database/index.ts';

/** Where to open a runner for an adapter: a provisioned server, SQLite, or why there is none. */
export type LiveAddress = DatabaseAddress | { readonly kind: 'sqlite' } | SkippedDatabase;

export class LiveDatabases {
  private postgres: Promise<Database> | undefined;
  private mysql: Promise<Database | SkippedDatabase> | undefined;

  constructor(private readonly selection: DbSelection = {}) {}

  /** The adapter's kind of database, provisioning it the first time. */
  async address(kind: LiveDatabase): Promise<LiveAddress> {
    switch (kind) {
      case 'postgres':
        this.postgres ??= provisionPostgres(this.selection.postgres ?? 'auto');
        return databaseAddress(await this.postgres);
      case 'mysql': {
        this.mysql ??= provisionMysql(this.selection.mysql ?? 'auto');
        const database = await this.mysql;
        return 'skipped' in database ? database : databaseAddress(database);
      }
      case 'sqlite':
        return { kind };
    }
  }

  /** Stops whatever was provisioned; safe to call when nothing was. */
  async stop(): Promise<void> {
    const started = [this.postgres, this.mysql].filter((p) => p !== undefined);
    const results = await Promise.allSettled(started);
    const stops = results.flatMap((r) => (r.status === 'fulfilled' && 'stop' in r.value ? [r.value.stop()] : []));
    await Promise.allSettled(stops);
  }
}
