// Live mode's backend for SQLite: the connections a pool gets are real better-sqlite3 Databases
// on the run's file, each opened by the witness (the instrumented factory), named c1, c2, ... in
// the history like model mode's, with the factory's identity (`sqlite:<n>`) in the connect event.
// Scripted connect failures and stalls are injected here, before any file is opened; a kill
// closes the Database under its holder, through the witness.
import type { Database } from 'better-sqlite3';
import type { History } from '../../history/History.ts';
import { checkQueryText, ConnectError, QueryError, type Connection } from '../../adapter/Backend.ts';
import { type BackendScript } from '../../workload/ConnectStep.ts';
import { LedgerSession } from '../../runner/ScriptedBackend.ts';
import { WitnessedBackend } from '../WitnessedBackend.ts';
import type { RunClock } from '../../runner/Substrate.ts';
import { connectionIdentity } from '../witness/connectionIdentity.ts';
import type { SqliteWitness } from '../witness/SqliteWitness.ts';

/** What `'error'` runs: a statement SQLite itself refuses, so the failure is the driver's own. */
const FAILING_SQL = 'select * from poolcheck_no_such_table';

class LiveSqliteConnection extends LedgerSession {
  constructor(
    id: string,
    readonly identity: string,
    private readonly db: Database,
    private readonly backend: LiveSqliteBackend,
  ) {
    super(id);
  }
  query(sql: unknown): Promise<unknown> {
    checkQueryText(sql);
    if (!this.open) return Promise.reject(new QueryError(`connection ${this.id} is closed`));
    // better-sqlite3 runs statements synchronously; a borrower sees a driver's promise either way.
    // A Database the witness closed (a kill) throws "The database connection is not open".
    try {
      return Promise.resolve(this.db.prepare(sql === 'error' ? FAILING_SQL : sql).all());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new QueryError(String(error)));
    }
  }
  /** A real `select 1`, after the workload's validation latency. */
  ping(): Promise<boolean> {
    return this.backend.ping(this, () => this.query('select 1'));
  }
  /** Closes the Database without a history event: the run's own cleanup, after its end was read. */
  forceClose(): void {
    this.open = false;
    if (this.db.open) this.db.close();
  }
  close(): Promise<void> {
    if (!this.open) return Promise.resolve();
    this.open = false;
    this.backend.closed(this);
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }
}

export class LiveSqliteBackend extends WitnessedBackend<LiveSqliteConnection, SqliteWitness> {
  private disposed = false;
  constructor(
    witness: SqliteWitness,
    private readonly clock: RunClock,
    history: History,
    script: BackendScript,
    private readonly stallMs: number,
  ) {
    super(history, script, witness);
  }

  async connect(): Promise<Connection> {
    // A pool's timer may still ask for a connection once the run is over: none outlives it.
    if (this.disposed) throw new ConnectError('the run is over: poolcheck opens no more connections for it');
    // Live connects take what opening the file takes: the script's default latency is not used.
    const { id, step, op } = this.beginConnect(0);
    try {
      if (step.outcome === 'slow') await this.wait(step.ms);
      // Opening a file cannot hang for ever: the runner generates no `hang` step here
      // (connectHangs: 'nowhere'); one written by hand is played as a stall.
      else if (step.outcome !== 'ok') {
        await this.wait(step.outcome === 'fail' ? step.ms : this.stallMs);
        throw new ConnectError(step.outcome === 'fail' ? `connect ${id} refused` : `connect ${id} timed out at the network`);
      }
      const db = this.witness.connect();
      const conn = new LiveSqliteConnection(id, await connectionIdentity(db), db, this);
      this.conns.push(conn);
      this.history.ok(op, 'server', 'connect', { conn: id, note: `${conn.identity}; ${this.openCount()} open` });
      return conn;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.history.fail(op, 'server', 'connect', { class: 'connect', message }, { conn: id });
      throw error instanceof ConnectError ? error : new ConnectError(message, { cause: error });
    } finally {
      this.endConnect(id);
    }
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => this.clock.at(this.clock.now + ms, resolve));
  }

  /** The witness closes the Database under its holder: only ever one this run opened. */

  ping(conn: LiveSqliteConnection, check: () => Promise<unknown>): Promise<boolean> {
    return this.timedPing(conn, this.clock, check);
  }

  closed(conn: LiveSqliteConnection): void {
    this.recordClosed(conn);
  }

  /** The factory's own list of this run's open Databases, named as the history names them. */

  /** Closes every Database this run opened, whatever the pool did with it. */
  dispose(): Promise<void> {
    this.disposed = true;
    for (const conn of this.conns) conn.forceClose();
    return Promise.resolve();
  }
}
