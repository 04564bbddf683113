// Live mode's backend for MySQL/MariaDB. mysql2's and mariadb's pools open their own connections,
// so poolcheck owns only their sockets: each pool logs in as the run's user through the `stream`
// option (MysqlDrivers), whose factory this backend is. Each socket is a connect attempt, named
// c1, c2, ... as in model mode; the handshake on the wire gives the session's identity
// (`my:<connection id>`, the witness's form) and the moment the login is done; the socket's close
// is the disconnect, whoever made it. Scripted connect failures and stalls are sockets that fail
// before reaching the server; kills go to the server through the witness.
import { createConnection, type Connection as Mysql2Connection } from 'mysql2/promise';
import { connect, Socket } from 'node:net';
import type { History } from '../../history/History.ts';
import { checkQueryText, ConnectError, QueryError, type Connection } from '../../adapter/Backend.ts';
import { type BackendScript } from '../../workload/ConnectStep.ts';
import { LedgerSession } from '../../runner/ScriptedBackend.ts';
import { WitnessedBackend } from '../WitnessedBackend.ts';
import type { RunClock } from '../../runner/Substrate.ts';
import type { MysqlWitness } from '../witness/MysqlWitness.ts';
import { HandshakeWatcher } from './HandshakeWatcher.ts';
import type { MysqlDriverConnection, MysqlDrivers } from '../../adapter/MysqlDrivers.ts';

/** What `query('error')` sends: a statement the server rejects. */
const FAILING_SQL = 'SELECT * FROM poolcheck_no_such_table';

class LiveMysqlConnection extends LedgerSession {
  /** The driver connection the pool wraps around this socket, once the pool has handed it out. */
  driver: MysqlDriverConnection | null = null;
  constructor(
    id: string,
    readonly identity: string,
    private readonly socket: Socket,
    private readonly backend: LiveMysqlBackend,
  ) {
    super(id);
  }
  /** A real `SELECT 1` on the driver the pool wraps around this socket, after the workload's validation latency. */
  ping(): Promise<boolean> {
    return this.backend.ping(this, () => this.query('SELECT 1'));
  }
  query(sql: unknown): Promise<unknown> {
    checkQueryText(sql);
    if (!this.open) return Promise.reject(new QueryError(`connection ${this.id} is closed`));
    if (!this.driver) return Promise.reject(new QueryError(`connection ${this.id} was never handed out by the pool`));
    return this.driver.query(sql === 'error' ? FAILING_SQL : sql);
  }
  /** Set when the backend opened the driver connection itself (connect()), not a pool. */
  owned: Mysql2Connection | null = null;
  /** Ends the session (COM_QUIT where poolcheck owns the driver) and resolves once the socket closed. */
  close(): Promise<void> {
    if (this.owned) return this.owned.end().catch(() => void this.socket.destroy());
    this.socket.destroy();
    return Promise.resolve();
  }
}

export class LiveMysqlBackend extends WitnessedBackend<LiveMysqlConnection, MysqlWitness> {
  /** Every socket this run handed a driver, connected or not: none may outlive the run. */
  private readonly sockets = new Map<Socket, Promise<void>>();
  private readonly byThread = new Map<number, LiveMysqlConnection>();
  private disposed = false;

  readonly drivers: { readonly mysql: MysqlDrivers };

  constructor(
    witness: MysqlWitness,
    private readonly clock: RunClock,
    history: History,
    script: BackendScript,
    private readonly stallMs: number,
  ) {
    super(history, script, witness);
    const { connectAttributes: _informative, ...login } = witness.poolOptions;
    this.drivers = {
      mysql: {
        login,
        mysql2Stream: () => this.openSocket(),
        mariadbStream: () => this.openSocket(),
        connection: (driver) => this.connectionOf(driver),
      },
    };
  }

  /**
   * For pools that take a factory (the reference pool, generic-pool, tarn): a mysql2 connection as
   * the run's user over a socket of this backend, so it is numbered and followed like a pool's own.
   */
  async connect(): Promise<Connection> {
    let driver: Awaited<ReturnType<typeof createConnection>>;
    try {
      driver = await createConnection({ ...this.drivers.mysql.login, stream: () => this.openSocket() });
    } catch (error) {
      throw error instanceof ConnectError ? error : new ConnectError((error as Error).message, { cause: error });
    }
    // A session the server kills makes an idle mysql2 connection emit 'error'; no one else listens.
    driver.on('error', () => {});
    const conn = this.connectionOf(driver) as LiveMysqlConnection;
    conn.owned = driver;
    return conn;
  }

  private connectionOf(driver: MysqlDriverConnection): Connection {
    const conn = driver.threadId === null ? undefined : this.byThread.get(driver.threadId);
    if (!conn) throw new Error(`poolcheck saw no login of a session with thread id ${String(driver.threadId)}: does the pool use backend.drivers.mysql's stream?`);
    conn.driver = driver;
    return conn;
  }

  /** One connect attempt of the pool: a socket to the server, or one that fails as scripted. */
  private openSocket(): Socket {
    if (this.disposed) return failedSocket(new ConnectError('the run is over'));
    // Live connects take what the real server takes: the script's default latency is not used.
    const { id, step, op } = this.beginConnect(0);
    let socket: Socket;
    const server = { host: this.witness.poolOptions.host, port: this.witness.poolOptions.port };
    if (step.outcome === 'ok') {
      socket = connect(server);
      socket.setNoDelay(true);
    } else if (step.outcome === 'slow') {
      // Connected late: the driver waits for the server's greeting, which comes after the step's ms.
      socket = new Socket();
      socket.setNoDelay(true);
      this.clock.at(this.clock.now + step.ms, () => void (socket.destroyed || socket.connect(server)));
    } else if (step.outcome === 'hang') {
      // A host that swallows packets: the socket never connects nor fails; dispose ends it.
      socket = new Socket();
    } else {
      // Never connected: the driver sees an error before any byte, as from a refusing or dead host.
      socket = new Socket();
      const message = step.outcome === 'stall' ? `connect ${id} timed out at the network` : `connect ${id} refused`;
      this.clock.at(this.clock.now + (step.outcome === 'stall' ? this.stallMs : step.ms), () => socket.destroy(new ConnectError(message)));
    }
    this.follow(socket, id, op);
    return socket;
  }

  /** Records the attempt's outcome from the wire, and its disconnect from the socket's close. */
  private follow(socket: Socket, id: string, op: number): void {
    let threadId: number | null = null;
    let conn: LiveMysqlConnection | null = null;
    let failure: string | null = null;
    let settled = false;
    const watcher = new HandshakeWatcher((event) => {
      if (event.kind === 'greeting') threadId = event.threadId;
      else if (event.kind === 'error') failure = `the server refused the login: ${event.message}`;
      else if (!settled && threadId !== null) {
        settled = true;
        this.endConnect(id);
        conn = new LiveMysqlConnection(id, `my:${threadId}`, socket, this);
        this.conns.push(conn);
        this.byThread.set(threadId, conn);
        this.history.ok(op, 'server', 'connect', { conn: id, note: `${conn.identity}; ${this.openCount()} open` });
      }
    });
    const letGo = () => {
      if (!conn?.open) return;
      conn.open = false;
      this.recordClosed(conn);
    };
    const closed = () => {
      if (!settled) {
        settled = true;
        this.endConnect(id);
        this.history.fail(op, 'server', 'connect', { class: 'connect', message: failure ?? 'the connection closed before the login was done' }, { conn: id });
      } else letGo();
    };
    // The pool lets a session go when its driver starts closing the socket, as a factory pool does
    // when it calls close(): a replacement it opens at once is not counted beside the one it
    // dropped while the old socket finishes closing (the server may list both for a moment).
    const methods = socket as unknown as Record<'end' | 'destroy', (...args: unknown[]) => Socket>;
    for (const method of ['end', 'destroy'] as const) {
      const original = methods[method].bind(socket);
      methods[method] = (...args: unknown[]) => {
        letGo();
        return original(...args);
      };
    }
    // The socket's own events, seen before any listener's: a driver may remove every listener of
    // its socket when it gives up on it (mariadb's fatalError does), and its close must still count.
    const emit = socket.emit.bind(socket);
    let resolveClosed!: () => void;
    this.sockets.set(socket, new Promise<void>((resolve) => (resolveClosed = resolve)));
    socket.emit = (event: string | symbol, ...args: unknown[]): boolean => {
      if (event === 'data') watcher.push(args[0] as Buffer);
      else if (event === 'error') failure ??= (args[0] as Error).message;
      else if (event === 'close') {
        this.sockets.delete(socket);
        closed();
        resolveClosed();
      }
      return emit(event, ...args);
    };
  }



  ping(conn: LiveMysqlConnection, check: () => Promise<unknown>): Promise<boolean> {
    return this.timedPing(conn, this.clock, check);
  }

  /** Closes every socket this run handed out, connected or still connecting, whatever the pool did. */
  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.allSettled([...this.pendingKills]);
    await Promise.all([...this.sockets].map(([socket, closed]) => (socket.destroy(), closed)));
  }
}

/** A socket that errors as soon as the driver listens, never reaching the server. */
function failedSocket(error: Error): Socket {
  const socket = new Socket();
  process.nextTick(() => socket.destroy(error));
  return socket;
}
