// Live mode's backend for PostgreSQL: the connections a pool gets are real `pg` clients, tagged
// with the run (application_name), named c1, c2, ... in the history like model mode's, with the
// server-side identity (backend pid and start) in the connect event. Every client connects
// through the runner's fault proxy, and a scripted connect failure or stall happens there, to
// that client's own socket: the pool gets whatever pg makes of it, and so does the history.
// Sessions are killed by the server through the witness, which only ever touches sessions
// carrying this run's tag.
import net from 'node:net';
import pg from 'pg';
import type { History } from '../history/History.ts';
import { checkQueryText, ConnectError, QueryError, type Connection } from '../adapter/Backend.ts';
import { type BackendScript } from '../workload/ConnectStep.ts';
import { isServerFull } from './serverFull.ts';
import { LedgerSession } from '../runner/ScriptedBackend.ts';
import { WitnessedBackend } from './WitnessedBackend.ts';
import type { RunClock } from '../runner/Substrate.ts';
import type { FaultProxy } from './faultProxy.ts';
import { scriptedFault } from './proxy/scriptedFault.ts';
import type { DecideByClientPort } from './proxy/decideByClientPort.ts';
import { connectionIdentity } from './witness/connectionIdentity.ts';
import { pgTaggedConfig } from './witness/pgTaggedConfig.ts';
import type { PostgresWitness } from './witness/PostgresWitness.ts';

class LivePgConnection extends LedgerSession {
  constructor(
    id: string,
    readonly identity: string,
    private readonly client: pg.Client,
    private readonly backend: LivePgBackend,
  ) {
    super(id);
    // A session the server terminates (or whose socket is lost) makes the client emit 'error'
    // before its 'end'; the pool may never ask. Its end is then the server's doing, not the pool's.
    client.on('error', (error: Error) => {
      this.killed = true;
      if (this.open) this.lost ??= error.message;
    });
    // A pool that owns its clients (pg-pool) ends them itself, not through close(); the server
    // may also end it. Either way the socket's end is the last word.
    client.on('end', () => this.letGo());
  }
  /** Why the session ended while the pool still had it open: the client's error, if any. */
  lost: string | undefined;
  /**
   * The session is no longer the pool's: it called close() or the client's end(), or the socket
   * ended. Counted from the pool's call, as the factory counts a close, not from the socket's
   * close a moment later, so a replacement opened at once is not counted beside it.
   */
  letGo(): void {
    if (!this.open) return;
    this.open = false;
    this.backend.closed(this);
  }
  query(sql: unknown): Promise<unknown> {
    checkQueryText(sql);
    if (!this.open) return Promise.reject(new QueryError(`connection ${this.id} is closed`));
    return this.client.query(sql === 'error' ? 'select * from poolcheck_no_such_relation' : sql);
  }
  /** A real `select 1`, after the workload's validation latency. */
  ping(): Promise<boolean> {
    return this.backend.ping(this, () => this.client.query('select 1'));
  }
  /** Ends the client without a history event: the run's own cleanup, after its end was read. */
  forceEnd(): Promise<void> {
    this.open = false;
    return this.client.end().catch(() => {});
  }
  close(): Promise<void> {
    if (!this.open) return Promise.resolve();
    this.letGo();
    return this.client.end().catch(() => {});
  }
}

/** How this run's clients reach the server: through the fault proxy, paired with it by client port. */
export interface PgProxyRoute {
  /** The database URL pointed at the proxy (see pgUrlViaProxy). */
  readonly url: string;
  readonly decisions: DecideByClientPort;
  readonly proxy: Pick<FaultProxy, 'release' | 'cut' | 'connections'>;
}

export class LivePgBackend extends WitnessedBackend<LivePgConnection, PostgresWitness> {
  /** The first connect refused because the server was full: the run ends with an environment error. */
  serverFull: unknown = undefined;
  private disposed = false;
  /** Every client this run created, connected or not: a connect still under way at the end must not outlive the run. */
  private readonly clients = new Set<pg.Client>();

  constructor(
    private readonly route: PgProxyRoute,
    private readonly runId: string,
    witness: PostgresWitness,
    private readonly clock: RunClock,
    history: History,
    script: BackendScript,
    private readonly stallMs: number,
  ) {
    super(history, script, witness);
  }

  connect(): Promise<Connection> {
    const { config, socket } = this.clientConfig();
    const client = new pg.Client(config);
    // Heard from the start: a session that ends between its connect and the moment it becomes a
    // LivePgConnection (killed at the run's end, say) must not crash the run with an unheard 'error'.
    client.on('error', () => {});
    return this.connectClient(client, socket, () => client.connect());
  }

  /** A tagged client configuration towards the proxy, on a socket of our own making (pg's `stream` option) so that its local port is known. */
  private clientConfig(): { config: pg.ClientConfig; socket: net.Socket } {
    const socket = new net.Socket();
    return { config: { ...pgTaggedConfig(this.route.url, this.runId), stream: () => socket }, socket };
  }

  /** A `pg.Client` class for pools that build their own clients: each one a session of this run. */
  readonly drivers = { pgClient: this.pgClientClass() };

  private pgClientClass(): new () => pg.Client {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the class needs its backend
    const backend = this;
    return class PoolcheckPgClient extends pg.Client {
      view: LivePgConnection | null = null;
      private readonly socket: net.Socket;
      constructor() {
        // Whatever the pool passes, the session goes where the run says, tagged as the run's.
        const { config, socket } = backend.clientConfig();
        super(config);
        this.socket = socket;
        // poolcheck's borrowers listen for a client's errors, as pg asks of every application:
        // a session killed while no one else listens must not crash the run.
        this.on('error', () => {});
      }
      override connect(): Promise<pg.Client>;
      override connect(callback: (err: Error) => void): void;
      override connect(callback?: (err: Error) => void): Promise<pg.Client> | void {
        const connecting = backend.connectClient(this, this.socket, () => super.connect()).then((conn) => {
          this.view = conn;
          return this;
        });
        if (!callback) return connecting;
        connecting.then(() => callback(null as unknown as Error), callback);
      }
      override end(): Promise<void>;
      override end(callback: (err: Error) => void): void;
      override end(callback?: (err: Error) => void): Promise<void> | void {
        // pg-pool lets a client go by ending it (release(true), its idle timeout, end()).
        this.view?.letGo();
        return callback ? super.end(callback) : super.end();
      }
    };
  }

  private async connectClient(client: pg.Client, socket: net.Socket, open: () => Promise<unknown>): Promise<LivePgConnection> {
    // A pool's timer may still ask for a connection once the run is over: no session outlives it.
    if (this.disposed) throw new ConnectError('the run is over: poolcheck opens no more sessions for it');
    // Live connects take what the real server takes: the script's default latency is not used.
    const { id, step, op } = this.beginConnect(0);
    const begun = this.clock.now;
    this.clients.add(client);
    socket.once('connect', () => this.route.decisions.claim(socket.localPort!, (accepted) => scriptedFault(step, begun, accepted.id, { clock: this.clock, proxy: this.route.proxy, stallMs: this.stallMs })));
    try {
      await open();
      const conn = new LivePgConnection(id, await connectionIdentity(client), client, this);
      this.conns.push(conn);
      this.history.ok(op, 'server', 'connect', { conn: id, note: `${conn.identity}; ${this.openCount()} open` });
      return conn;
    } catch (error) {
      // pg's own error, as the client got it (ECONNRESET for a refusal or a dropped stall, or the
      // pool's own timeout), carried by the ConnectError that tells ERR-1 a connect failed.
      const message = error instanceof Error ? error.message : String(error);
      if (isServerFull(error)) this.serverFull ??= error;
      this.history.fail(op, 'server', 'connect', { class: 'connect', message }, { conn: id });
      throw new ConnectError(message, { cause: error });
    } finally {
      this.endConnect(id);
    }
  }

  ping(conn: LivePgConnection, check: () => Promise<unknown>): Promise<boolean> {
    return this.timedPing(conn, this.clock, check);
  }

  closed(conn: LivePgConnection): void {
    this.recordClosed(conn, conn.lost);
  }


  /** Ends every client this run opened, whatever the pool did with it. */
  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.allSettled([...this.pendingKills]);
    // A fault whose time the run's end cancelled, or a connect that hangs: its connection is still
    // held at the proxy, waiting or stalled, never forwarded. Cut first: a client whose connect
    // is held unread would wait for ever for the end() below. The runner runs one workload at a
    // time, so every such connection is this run's.
    for (const held of this.route.proxy.connections()) {
      if (held.state === 'deciding' || held.state === 'stalled') this.route.proxy.cut(held.id);
    }
    await Promise.allSettled(this.conns.filter((c) => c.open).map((c) => c.forceEnd()));
    // A client still connecting has its socket destroyed by end(), so its session never starts
    // or ends at once; one that finished meanwhile is ended like the others.
    await Promise.allSettled([...this.clients].map((c) => c.end()));
  }
}
