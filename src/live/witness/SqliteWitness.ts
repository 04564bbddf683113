// SQLite has no server to ask, so the witness is the factory: every better-sqlite3 Database that
// poolcheck lets a pool open comes from connect() here, and is one of this run's "sessions" for
// as long as its own `open` flag says so. Reading the flag, rather than counting close() calls
// seen, keeps the truth with the object itself: however the pool closes a Database, it shows.
// Nothing this witness did not open is counted or closed; identities are `sqlite:<n>`.
import type BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { PoolcheckError } from '../../errors.ts';
import { runTag } from './runTag.ts';
import { sqliteIdentities } from './sqliteIdentities.ts';
import type { Witness, WitnessOptions, WitnessSample, WitnessSession } from './Witness.ts';

export interface SqliteWitnessOptions extends WitnessOptions {
  /** The database file the run's connections open (the runner makes and removes it). */
  readonly filename: string;
}

export class SqliteWitness implements Witness {
  readonly kind = 'sqlite';
  readonly tag: string;
  readonly server: string;
  private readonly open = new Map<string, { db: Database; since: number }>();
  private opened = 0;

  private constructor(
    readonly runId: string,
    private readonly Sqlite: typeof BetterSqlite3,
    private readonly filename: string,
    private readonly now: () => number,
  ) {
    this.tag = runTag(runId);
    this.server = `SQLite file ${filename}`;
  }

  static async open(runId: string, options: SqliteWitnessOptions): Promise<SqliteWitness> {
    let Sqlite: typeof BetterSqlite3;
    try {
      Sqlite = (await import('better-sqlite3')).default;
    } catch {
      throw new PoolcheckError('POOLCHECK_ENVIRONMENT', 'The SQLite witness needs the `better-sqlite3` package: npm install --save-dev better-sqlite3');
    }
    return new SqliteWitness(runId, Sqlite, options.filename, options.now ?? (() => performance.now()));
  }

  /** The instrumented factory: a new connection to the run's file, counted until it closes. */
  connect(options?: BetterSqlite3.Options): Database {
    const db = new this.Sqlite(this.filename, options);
    const identity = `sqlite:${++this.opened}`;
    sqliteIdentities.set(db, identity);
    this.open.set(identity, { db, since: this.now() });
    return db;
  }

  sessions(): Promise<WitnessSession[]> {
    return Promise.resolve(this.live().map(([identity, { since }]) => ({ identity, state: 'open', since })));
  }

  sample(): Promise<WitnessSample> {
    const at = this.now();
    return Promise.resolve({ count: this.live().length, sentAt: at, receivedAt: at });
  }

  /** "Killing" closes the Database under its holder, whose next statement then throws. */
  kill(identity: string): Promise<boolean> {
    const entry = this.live().find(([id]) => id === identity);
    if (entry === undefined) return Promise.resolve(false);
    entry[1].db.close();
    this.open.delete(identity);
    return Promise.resolve(true);
  }

  killAll(): Promise<number> {
    const live = this.live();
    for (const [identity, { db }] of live) {
      db.close();
      this.open.delete(identity);
    }
    return Promise.resolve(live.length);
  }

  /** SQLite sets no limit on connections to a file. */
  maxConnections(): Promise<number> {
    return Promise.resolve(Number.POSITIVE_INFINITY);
  }

  usedConnections(): Promise<number> {
    return Promise.resolve(this.live().length);
  }

  close(): Promise<number> {
    return this.killAll();
  }

  /** The still-open connections, forgetting the ones that closed since the last look. */
  private live(): Array<[string, { db: Database; since: number }]> {
    for (const [identity, { db }] of this.open) if (!db.open) this.open.delete(identity);
    return [...this.open];
  }
}
