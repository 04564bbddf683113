// The in-memory backend of model mode: it plays the database server. Connections it opens and
// closes are poolcheck's ground truth (BOUND-*, LEAK-1, CLOSE-1), whatever the pool believes.
import type { History } from '../history/History.ts';
import type { RunBackend } from '../runner/Substrate.ts';
import type { VirtualClock } from './VirtualClock.ts';

/** How one connect attempt goes; attempts past the end of the script use the default. */
export interface ConnectStep {
  readonly ms: number;
  /** `stall`: the attempt hangs for STALL_MS and then fails, like a connect to a dead host. */
  readonly outcome: 'ok' | 'fail' | 'stall';
}

export const STALL_MS = 1000;

export interface BackendScript {
  readonly connects: readonly ConnectStep[];
  readonly defaultConnectMs: number;
}

export interface Connection {
  /** Server-side identity: `c1`, `c2`, ... in the order connects were started. */
  readonly id: string;
  /** Not yet closed by the pool. */
  readonly open: boolean;
  /** Open and not killed by the server. */
  readonly alive: boolean;
  query(sql: unknown): Promise<unknown>;
  close(): Promise<void>;
}

/** What an adapter receives to build its pool's connections from. */
export interface ModelBackend {
  connect(): Promise<Connection>;
}

/** The error a failed connect rejects with; ERR-1 checks that the borrower gets it. */
export class ConnectError extends Error {
  override name = 'ConnectError';
  readonly code = 'POOLCHECK_CONNECT_REFUSED';
}

export class QueryError extends Error {
  override name = 'QueryError';
}

class MemoryConnection implements Connection {
  open = true;
  killed = false;
  constructor(
    readonly id: string,
    private readonly backend: MemoryBackend,
  ) {}
  get alive(): boolean {
    return this.open && !this.killed;
  }
  query(sql: unknown): Promise<unknown> {
    // A driver throws synchronously on arguments it cannot send; so does this one.
    if (typeof sql !== 'string') throw new TypeError(`query text must be a string, got ${typeof sql}`);
    if (sql === 'throw') throw new QueryError('synchronous driver failure');
    if (!this.open) return Promise.reject(new QueryError(`connection ${this.id} is closed`));
    if (this.killed) return Promise.reject(new QueryError(`connection ${this.id} was terminated by the server`));
    if (sql === 'error') return Promise.reject(new QueryError('syntax error at or near "error"'));
    return Promise.resolve({ rows: [{ ok: 1 }] });
  }
  close(): Promise<void> {
    this.backend.closed(this);
    return Promise.resolve();
  }
}

export class MemoryBackend implements RunBackend {
  private attempts = 0;
  private inFlight = 0;
  private recovered = false;
  private readonly conns: MemoryConnection[] = [];

  constructor(
    private readonly clock: VirtualClock,
    private readonly history: History,
    private readonly script: BackendScript,
  ) {}

  connect(): Promise<Connection> {
    const scripted = this.recovered ? undefined : this.script.connects[this.attempts];
    const step = scripted ?? { ms: this.script.defaultConnectMs, outcome: 'ok' };
    this.inFlight++;
    const id = `c${++this.attempts}`;
    const op = this.history.invoke('server', 'connect', { conn: id, note: step.outcome === 'ok' ? undefined : step.outcome });
    return new Promise((resolve, reject) => {
      const ms = step.outcome === 'stall' ? STALL_MS : step.ms;
      this.clock.schedule(
        () => {
          this.inFlight--;
          if (step.outcome === 'ok') {
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

  /** From now on every connect succeeds (attempts already under way go as scripted). */
  recover(): void {
    this.recovered = true;
  }

  connectsInFlight(): number {
    return this.inFlight;
  }

  /** The server terminates the nth connection it opened (1-based), if it is still open. */
  kill(nth: number): void {
    const conn = this.conns[nth - 1];
    if (!conn || !conn.alive) return;
    conn.killed = true;
    this.history.info('server', 'kill', { conn: conn.id });
  }

  closed(conn: MemoryConnection): void {
    if (!conn.open) return;
    conn.open = false;
    this.history.info('server', 'disconnect', { conn: conn.id, note: `${this.openCount()} open` });
  }

  /** Server sessions: opened, not closed by the pool, not killed by the server. */
  openCount(): number {
    return this.openIds().length;
  }

  openIds(): string[] {
    return this.conns.filter((c) => c.alive).map((c) => c.id);
  }
}
