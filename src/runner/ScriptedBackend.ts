// What every backend shares, model or live: it numbers connect attempts c1, c2, ... and follows
// the workload's connect script until the run lets it recover, counts connects under way, and
// keeps the ledger of the sessions it opened, which is the ground truth the runner reads.
import type { History } from '../history/History.ts';
import type { BackendScript, Connection, ConnectStep } from '../model/ModelBackend.ts';
import type { RunBackend } from './Substrate.ts';

export interface LedgerConnection extends Connection {
  killed: boolean;
}

/** The ledger's view of one session: closed by the pool (`open`), killed by the server, or alive. */
export abstract class LedgerSession implements LedgerConnection {
  open = true;
  killed = false;
  constructor(readonly id: string) {}
  get alive(): boolean {
    return this.open && !this.killed;
  }
  abstract query(sql: unknown): Promise<unknown>;
  abstract close(): Promise<void>;
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

  /**
   * The server terminates the nth connection it opened (1-based), if it is still open. The kill
   * is recorded when it has taken effect: at once in model mode; in live mode once the server no
   * longer lists the session. Until then the session is alive, and a pool that checks it may
   * rightly find it so (ERR-2 judges hand-outs after the kill event, BOUND-1 counts it till then).
   */
  kill(nth: number): void {
    const conn = this.conns[nth - 1];
    if (!conn?.alive) return;
    const effective = () => {
      if (!this.killing.delete(conn)) return; // recorded already, when its socket closed
      conn.killed = true;
      this.history.info('server', 'kill', { conn: conn.id });
    };
    this.killing.add(conn);
    const terminating = this.terminate(conn);
    if (terminating === undefined) return effective();
    const done: Promise<void> = terminating
      .then((killed) => {
        if (killed) effective();
        else this.killing.delete(conn); // the pool closed it first: its disconnect is in the history
      }, () => undefined)
      .finally(() => this.pendingKills.delete(done));
    this.pendingKills.add(done);
  }

  /** Connections whose kill was asked for and has not been recorded yet. */
  private readonly killing = new Set<C>();

  /** Kills under way at the server (live mode), settled before a run's connections are ended. */
  protected readonly pendingKills = new Set<Promise<void>>();

  /**
   * What a kill does beyond the ledger: nothing in model mode; in live mode the server's kill,
   * resolving whether it terminated a session of the run.
   */
  protected terminate(_conn: C): Promise<boolean> | undefined {
    return undefined;
  }

  protected recordClosed(conn: C): void {
    // A socket that closes while its kill is under way closed because of the kill: that is when
    // the kill took effect, and a pool without validation may still hand the corpse out (ERR-2).
    if (this.killing.delete(conn)) {
      conn.killed = true;
      this.history.info('server', 'kill', { conn: conn.id, note: `its socket closed; ${this.openCount()} open` });
      return;
    }
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
