// The in-memory backend of model mode: it plays the database server. Connections it opens and
// closes are poolcheck's ground truth (BOUND-*, LEAK-1, CLOSE-1), whatever the pool believes.
import type { History } from '../history/History.ts';
import { checkQueryText, ConnectError, QueryError, type Connection } from '../adapter/Backend.ts';
import { LedgerSession, ScriptedBackend } from '../runner/ScriptedBackend.ts';
import { connectSucceeds, STALL_MS, type BackendScript } from '../workload/ConnectStep.ts';
import type { VirtualClock } from './VirtualClock.ts';

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
