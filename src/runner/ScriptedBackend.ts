// What every backend shares, model or live: it numbers connect attempts c1, c2, ... and follows
// the workload's connect script until the run lets it recover, counts connects under way, and
// keeps the ledger of the sessions it opened, which is the ground truth the runner reads.
import type { History } from '../history/History.ts';
import type { BackendScript, Connection, ConnectStep } from '../model/ModelBackend.ts';
import type { RunBackend } from './Substrate.ts';

export interface LedgerConnection extends Connection {
  killed: boolean;
}

export abstract class ScriptedBackend<C extends LedgerConnection> implements RunBackend {
  protected readonly conns: C[] = [];
  private attempts = 0;
  private inFlight = 0;
  private recovered = false;

  constructor(
    protected readonly history: History,
    protected readonly script: BackendScript,
  ) {}

  abstract connect(): Promise<Connection>;

  /** Starts a connect attempt: its name, its scripted step, and the op of its history event. */
  protected beginConnect(defaultMs: number): { id: string; step: ConnectStep; op: number } {
    const scripted = this.recovered ? undefined : this.script.connects[this.attempts];
    const step = scripted ?? { ms: defaultMs, outcome: 'ok' as const };
    const id = `c${++this.attempts}`;
    this.inFlight++;
    const op = this.history.invoke('server', 'connect', { conn: id, ...(step.outcome === 'ok' ? {} : { note: step.outcome }) });
    return { id, step, op };
  }

  protected endConnect(): void {
    this.inFlight--;
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
    if (!conn?.alive) return;
    conn.killed = true;
    this.history.info('server', 'kill', { conn: conn.id });
    this.terminate(conn);
  }

  /** What a kill does beyond the ledger (live mode asks the server). */
  protected terminate(_conn: C): void {}

  protected recordClosed(conn: C): void {
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
