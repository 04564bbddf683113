// The in-memory backend of model mode: it plays the database server. Connections it opens and
// closes are poolcheck's ground truth (BOUND-*, LEAK-1, CLOSE-1), whatever the pool believes.
import type { History } from '../history/History.ts';
import type { MysqlDrivers } from '../live/mysql/MysqlDrivers.ts';
import { LedgerSession, ScriptedBackend } from '../runner/ScriptedBackend.ts';
import type { VirtualClock } from './VirtualClock.ts';

/** How one connect attempt goes; attempts past the end of the script use the default. */
export interface ConnectStep {
  readonly ms: number;
  /**
   * `stall`: the attempt hangs for STALL_MS and then fails, like a connect to a dead host.
   * `hang`: the attempt never settles at all, like a host that swallows packets (a pool may give
   * up on it with a connect timeout of its own; the attempt itself never answers).
   * `slow`: the attempt succeeds after `ms`, and in live mode too (an `ok` step there takes what
   * the real server takes): the generator puts it after a failed one, with latencies that outlast
   * the waiter's timeout, so a connection arrives for a waiter that already gave up.
   */
  readonly outcome: 'ok' | 'fail' | 'stall' | 'hang' | 'slow';
}

/** Whether a step opens a session (after its latency). */
export const connectSucceeds = (step: ConnectStep): boolean => step.outcome === 'ok' || step.outcome === 'slow';

export const STALL_MS = 1000;

export interface BackendScript {
  readonly connects: readonly ConnectStep[];
  readonly defaultConnectMs: number;
  /** How long Connection.ping() takes (workload ms); absent or 0: it answers at once. */
  readonly pingMs?: number;
}

export interface Connection {
  /** Server-side identity: `c1`, `c2`, ... in the order connects were started. */
  readonly id: string;
  /** Not yet closed by the pool. */
  readonly open: boolean;
  /** Open and not killed by the server. */
  readonly alive: boolean;
  query(sql: unknown): Promise<unknown>;
  /**
   * An asynchronous check of the session, for pools that validate before handing a connection
   * out (generic-pool's testOnBorrow with an async `validate`): resolves true when the session
   * answers, false when it is closed or the server killed it; never rejects. It takes the
   * workload's validation latency (`pingMs`) in model mode, and a real `select 1` after that
   * latency in live mode.
   */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** What an adapter receives to build its pool's connections from. */
export interface ModelBackend {
  connect(): Promise<Connection>;
  /**
   * Live mode: driver classes whose every instance is a session of this run, for pools that
   * build their own clients. `pgClient` is a `pg.Client` subclass (pg-pool's `Client` option);
   * its instances have a `view` property, the Connection behind them. `mysql`: the run's login
   * and socket factories for mysql2's and mariadb's pools (see MysqlDrivers).
   */
  readonly drivers?: { readonly pgClient?: new () => unknown; readonly mysql?: MysqlDrivers };
}

/** The error a failed connect rejects with; ERR-1 checks that the borrower gets it. */
export class ConnectError extends Error {
  override name = 'ConnectError';
  readonly code = 'POOLCHECK_CONNECT_REFUSED';
}

export class QueryError extends Error {
  override name = 'QueryError';
}

/**
 * What a driver does with arguments it cannot send: it throws synchronously. Workloads ask for it
 * with `undefined` (bad arguments) and `'throw'` (a synchronous driver failure); every backend
 * keeps this contract so QUERY-1's paths are the same in model and live mode.
 */
export function checkQueryText(sql: unknown): asserts sql is string {
  if (typeof sql !== 'string') throw new TypeError(`query text must be a string, got ${typeof sql}`);
  if (sql === 'throw') throw new QueryError('synchronous driver failure');
}

class MemoryConnection extends LedgerSession {
  constructor(
    id: string,
    private readonly backend: MemoryBackend,
  ) {
    super(id);
  }
  query(sql: unknown): Promise<unknown> {
    checkQueryText(sql);
    if (!this.open) return Promise.reject(new QueryError(`connection ${this.id} is closed`));
    if (this.killed) return Promise.reject(new QueryError(`connection ${this.id} was terminated by the server`));
    if (sql === 'error') return Promise.reject(new QueryError('syntax error at or near "error"'));
    return Promise.resolve({ rows: [{ ok: 1 }] });
  }
  ping(): Promise<boolean> {
    return this.backend.ping(this);
  }
  close(): Promise<void> {
    this.backend.closed(this);
    return Promise.resolve();
  }
}

export class MemoryBackend extends ScriptedBackend<MemoryConnection> {
  constructor(
    private readonly clock: VirtualClock,
    history: History,
    script: BackendScript,
  ) {
    super(history, script);
  }

  connect(): Promise<Connection> {
    const { id, step, op } = this.beginConnect(this.script.defaultConnectMs);
    return new Promise((resolve, reject) => {
      // A host that swallows packets: nothing ever answers, and no timer stands for it.
      if (step.outcome === 'hang') return;
      const ms = step.outcome === 'stall' ? STALL_MS : step.ms;
      this.clock.schedule(
        () => {
          this.endConnect(id);
          if (connectSucceeds(step)) {
            const conn = new MemoryConnection(id, this);
            this.conns.push(conn);
            this.history.ok(op, 'server', 'connect', { conn: id, note: `${this.openCount()} open` });
            resolve(conn);
          } else {
            const message = step.outcome === 'stall' ? `connect ${id} timed out at the network` : `connect ${id} refused`;
            this.history.fail(op, 'server', 'connect', { class: 'connect', message }, { conn: id });
            reject(new ConnectError(message));
          }
        },
        ms,
        [],
        false,
      );
    });
  }

  ping(conn: MemoryConnection): Promise<boolean> {
    return this.timedPing(conn, this.clock, null);
  }

  closed(conn: MemoryConnection): void {
    if (!conn.open) return;
    conn.open = false;
    this.recordClosed(conn);
  }
}
