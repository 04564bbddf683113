// What every backend shares, model or live: it numbers connect attempts c1, c2, ... and follows
// the workload's connect script until the run lets it recover, counts connects under way, and
// keeps the ledger of the sessions it opened, which is the ground truth the runner reads.
import type { History } from '../history/History.ts';
import type { BackendScript, ConnectStep } from '../workload/ConnectStep.ts';
import type { Connection } from '../adapter/Backend.ts';
import type { RunBackend, RunClock } from './Substrate.ts';

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
  abstract ping(): Promise<boolean>;
  abstract close(): Promise<void>;
}

export abstract class ScriptedBackend<C extends LedgerConnection> implements RunBackend {
  protected readonly conns: C[] = [];
  private attempts = 0;
  /** Connects under way that will settle by themselves, and scripted hangs, which never do. */
  private readonly inFlight = new Set<string>();
  private readonly hanging = new Set<string>();
  private recovered = false;
  private pings = 0;

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
    (step.outcome === 'hang' ? this.hanging : this.inFlight).add(id);
    const op = this.history.invoke('server', 'connect', { conn: id, ...(step.outcome === 'ok' ? {} : { note: step.outcome }) });
    return { id, step, op };
  }

  /** A connect attempt settled (a hung one only does when the pool or the run's end gives up on it). */
  protected endConnect(id: string): void {
    this.inFlight.delete(id);
    this.hanging.delete(id);
  }

  /** From now on every connect succeeds (attempts already under way go as scripted). */
  recover(): void {
    this.recovered = true;
  }

  /**
   * Connects under way that will settle by themselves. Scripted hangs are left out: the quiet
   * phase waits for connects to finish, and a hung one never does.
   */
  connectsInFlight(): number {
    return this.inFlight.size;
  }

  /** Pings under way (see timedPing). */
  pingsInFlight(): number {
    return this.pings;
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
      this.killRecorded.add(conn);
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

  /** Connections whose kill is in the history: their socket's end afterwards is no news. */
  private readonly killRecorded = new WeakSet<C>();

  /** Kills under way at the server (live mode), settled before a run's connections are ended. */
  protected readonly pendingKills = new Set<Promise<void>>();

  /**
   * What a kill does beyond the ledger: nothing in model mode; in live mode the server's kill,
   * resolving whether it terminated a session of the run.
   */
  protected terminate(_conn: C): Promise<boolean> | undefined {
    return undefined;
  }

  /**
   * `lost`: live mode, the session ended while the pool still had it open, with this error (the
   * server ended it, or its socket was lost): not the pool's close, so not recorded as one.
   */
  protected recordClosed(conn: C, lost?: string): void {
    // A socket that closes while its kill is under way closed because of the kill: that is when
    // the kill took effect, and a pool without validation may still hand the corpse out (ERR-2).
    if (this.killing.delete(conn)) {
      conn.killed = true;
      this.killRecorded.add(conn);
      this.history.info('server', 'kill', { conn: conn.id, note: `its socket closed; ${this.openCount()} open` });
      return;
    }
    // No checker may read an end nobody scripted as the pool's doing (MIN-1 would blame the pool
    // for it); it is what the server did, as a kill is.
    if (lost !== undefined && !this.killRecorded.has(conn)) {
      conn.killed = true;
      this.killRecorded.add(conn);
      this.history.info('server', 'kill', { conn: conn.id, note: `not scripted: the session ended under the pool (${lost}); ${this.openCount()} open` });
      return;
    }
    this.history.info('server', 'disconnect', { conn: conn.id, note: `${this.openCount()} open` });
  }

  /**
   * Connection.ping(): after the workload's validation latency (`pingMs`), whether the session
   * answers `check` (model mode: whether it is alive then; live mode: a real `select 1`). With no
   * latency and no real check, it answers at once and leaves no event, as before pings had a
   * latency.
   */
  protected timedPing(conn: C, clock: RunClock, check: (() => Promise<unknown>) | null): Promise<boolean> {
    const ms = this.script.pingMs ?? 0;
    if (ms <= 0 && check === null) return Promise.resolve(conn.alive);
    const op = this.history.invoke('server', 'ping', { conn: conn.id });
    this.pings++;
    const answer = (alive: boolean): boolean => {
      this.pings--;
      this.history.ok(op, 'server', 'ping', { conn: conn.id, note: alive ? 'alive' : 'no answer' });
      return alive;
    };
    return new Promise<void>((resolve) => clock.at(clock.now + ms, resolve)).then(() =>
      check === null ? answer(conn.alive) : !conn.alive ? answer(false) : check().then(() => answer(true), () => answer(false)),
    );
  }

  /** Server sessions: opened, not closed by the pool, not killed by the server. */
  openCount(): number {
    return this.openIds().length;
  }

  openIds(): string[] {
    return this.conns.filter((c) => c.alive).map((c) => c.id);
  }
}
