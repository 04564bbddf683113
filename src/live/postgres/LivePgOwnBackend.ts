// Live mode's backend on PostgreSQL for pools that open their own connections from an address (a
// process adapter's pool, postgres.js): poolcheck owns neither the client nor its socket, only the
// way in. Each workload gets a fault proxy of its own, and its URL; every connection the proxy
// accepts is a connect attempt, named c1, c2, ... in accept order, and gets that attempt's
// scripted fault. The wire says the rest: the login's BackendKeyData names the session (its pid,
// which the witness turns into the identity it lists), a client's Terminate is the pool letting
// it go, a server that ends the session first ended it under the pool. A proxy per workload means
// a pool of an earlier workload, still connecting in the adapter after its close, reaches a
// closed port, never this workload's count.
import type { History } from '../../history/History.ts';
import { QueryError, type Connection, type DatabaseDriver, type ServerSession } from '../../adapter/Backend.ts';
import { PoolcheckError } from '../../errors.ts';
import type { BackendScript } from '../../workload/ConnectStep.ts';
import { LedgerSession } from '../../runner/ScriptedBackend.ts';
import type { RunClock } from '../../runner/Substrate.ts';
import type { DatabaseAddress } from '../database/Database.ts';
import { FaultProxy, type ConnectionWatch, type ProxiedConnectionInfo } from '../faultProxy.ts';
import { pgProxyTarget, pgUrlViaProxy } from '../pgUrlViaProxy.ts';
import { scriptedFault } from '../proxy/scriptedFault.ts';
import { WitnessedBackend } from '../WitnessedBackend.ts';
import { pgTaggedConfig } from '../witness/pgTaggedConfig.ts';
import type { PostgresWitness } from '../witness/PostgresWitness.ts';
import { PgLoginWatcher } from './PgLoginWatcher.ts';
import { PgTerminateWatcher } from './PgTerminateWatcher.ts';

class OwnPgSession extends LedgerSession {
  /** `pg:<pid>@<start>` once the witness named it; until then `pg:<pid>@?`. */
  identity: string;
  /** Resolves once the witness has named the session (or could not: it was already gone). */
  identified: Promise<void> = Promise.resolve();
  constructor(
    id: string,
    readonly pid: number,
    private readonly cut: () => void,
  ) {
    super(id);
    this.identity = `pg:${pid}@?`;
  }
  /** The pool's driver owns the session: poolcheck asks nothing of it. */
  query(): Promise<unknown> {
    return Promise.reject(new QueryError(`connection ${this.id} belongs to the pool's own driver: run queries through the adapter`));
  }
  ping(): Promise<boolean> {
    return Promise.resolve(this.alive);
  }
  close(): Promise<void> {
    this.cut();
    return Promise.resolve();
  }
}

/** The run's URL for the pool: its tag, through the proxy, in the clear so that the proxy can read the login. */
export function ownPgUrl(url: string, runId: string, proxy: { readonly host: string; readonly port: number }): string {
  const tagged = new URL(pgTaggedConfig(pgUrlViaProxy(url, proxy), runId).connectionString);
  // TLS or GSS encryption would hide the login from the proxy: loopback needs neither.
  tagged.searchParams.set('sslmode', 'disable');
  tagged.searchParams.set('gssencmode', 'disable');
  return tagged.toString();
}

export class LivePgOwnBackend extends WitnessedBackend<OwnPgSession, PostgresWitness> {
  private disposed = false;
  /** Identifications under way: a lease naming a session waits for them before it is called unknown. */
  private readonly identifying = new Set<Promise<void>>();
  readonly drivers: { readonly database: DatabaseDriver };

  private constructor(
    private readonly proxy: FaultProxy,
    url: string,
    runId: string,
    witness: PostgresWitness,
    private readonly clock: RunClock,
    history: History,
    script: BackendScript,
    private readonly stallMs: number,
  ) {
    super(history, script, witness);
    this.drivers = { database: { kind: 'postgres', url: ownPgUrl(url, runId, proxy), connection: (session) => this.connectionOf(session) } };
  }

  static async open(database: DatabaseAddress, runId: string, witness: PostgresWitness, clock: RunClock, history: History, script: BackendScript, stallMs: number): Promise<LivePgOwnBackend> {
    // The proxy's hooks need the backend and the backend needs the proxy's port: tie them late.
    const tie: { backend?: LivePgOwnBackend } = {};
    const proxy = await FaultProxy.start({
      target: pgProxyTarget(database),
      watch: (accepted) => tie.backend?.watch(accepted),
      decide: (accepted) => tie.backend?.decide(accepted) ?? { kind: 'refuse', via: 'reset' },
    });
    tie.backend = new LivePgOwnBackend(proxy, database.url, runId, witness, clock, history, script, stallMs);
    return tie.backend;
  }

  connect(): Promise<Connection> {
    return Promise.reject(
      new PoolcheckError('POOLCHECK_ADAPTER_CONTRACT', 'this adapter declares `runsOn.ownConnections`: its pool opens its connections from `backend.drivers.database.url`, not through `backend.connect()`'),
    );
  }

  /** Attempts by proxied connection id, from accept until the proxy's decision. */
  private readonly accepted = new Map<number, { step: ReturnType<LivePgOwnBackend['beginConnect']>['step']; begun: number }>();

  private decide(accepted: ProxiedConnectionInfo): ReturnType<typeof scriptedFault> {
    const attempt = this.accepted.get(accepted.id);
    this.accepted.delete(accepted.id);
    if (!attempt) return { kind: 'refuse', via: 'reset' };
    return scriptedFault(attempt.step, attempt.begun, accepted.id, { clock: this.clock, proxy: this.proxy, stallMs: this.stallMs });
  }

  /** One connect attempt of the pool, followed on the wire from accept to the socket's end. */
  private watch(accepted: ProxiedConnectionInfo): ConnectionWatch | undefined {
    // A pool's timer may still connect once the run is over: refused by decide(), never counted.
    if (this.disposed) return undefined;
    // Live connects take what the real server takes: the script's default latency is not used.
    const { id, step, op } = this.beginConnect(0);
    this.accepted.set(accepted.id, { step, begun: this.clock.now });
    let conn: OwnPgSession | null = null;
    let settled = false;
    let failure: string | null = null;
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      this.endConnect(id);
      return true;
    };
    const letGo = (lost?: string) => {
      if (!conn?.open) return;
      conn.open = false;
      // The server ending a session whose kill is recorded already is the kill, not news.
      if (lost !== undefined && conn.killed) return;
      this.recordClosed(conn, lost);
    };
    let pid: number | null = null;
    // The connect is done once the adapter's read of the session's identity is answered (see
    // PgTerminateWatcher), or once anything needs the session before that (a lease names it, its
    // socket ends): as an in-process backend's connect includes its own identity read.
    const connected = (): OwnPgSession | null => {
      if (pid === null || !settle()) return conn;
      conn = new OwnPgSession(id, pid, () => this.proxy.cut(accepted.id));
      conn.identified = this.identify(conn);
      this.conns.push(conn);
      this.history.ok(op, 'server', 'connect', { conn: id, note: `pid ${pid}; ${this.openCount()} open` });
      return conn;
    };
    const session = new PgTerminateWatcher({ terminated: () => (connected(), letGo()), identified: () => void connected() });
    const login = new PgLoginWatcher((event) => {
      if (event.kind === 'refused') failure = `the server refused the login: ${event.message} (${event.code})`;
      else if (event.kind === 'unreadable') failure = `poolcheck cannot read this session's login at its proxy: ${event.why}; connect with the URL poolcheck gives (sslmode=disable)`;
      else {
        pid = event.pid;
        this.loggedIn.set(event.pid, connected);
      }
    });
    return {
      client: (chunk) => (pid !== null ? session.client(chunk) : login.client(chunk)),
      server: (chunk) => (pid !== null ? session.server(chunk) : login.server(chunk)),
      ended: (by) => {
        if (pid !== null) connected();
        if (settle()) {
          const why = failure ?? (by === 'proxy' ? `connect ${id} failed at poolcheck's proxy, as scripted` : `the ${by} closed the connection before the login was done`);
          this.history.fail(op, 'server', 'connect', { class: 'connect', message: why }, { conn: id });
        } else if (by === 'server') letGo('the server closed the connection');
        else if (by === 'client') letGo();
        // `proxy`: the run's end cut it; the pool's view of it no longer matters.
      },
    };
  }

  /** Asks the witness for the session's identity, the string its list and its kills use. */
  private identify(session: OwnPgSession): Promise<void> {
    const done: Promise<void> = this.witness
      .identityOf(session.pid)
      .then((identity) => {
        if (identity !== null) session.identity = identity;
      })
      .catch(() => undefined)
      .finally(() => this.identifying.delete(done));
    this.identifying.add(done);
    return done;
  }

  /** A session is killed by its identity: wait until the witness has named it. */
  protected override terminate(conn: OwnPgSession): Promise<boolean> {
    return conn.identified.then(() => this.witness.kill(conn.identity));
  }

  /** Sessions logged in, by pid, to be counted as connected when a lease names one before its identity read was seen. */
  private readonly loggedIn = new Map<number, () => OwnPgSession | null>();

  private async connectionOf(session: ServerSession): Promise<Connection> {
    this.loggedIn.get(session.pid)?.();
    const identity = `pg:${session.pid}@${session.start}`;
    const find = () => this.conns.find((c) => c.identity === identity);
    let found = find();
    if (!found) {
      await Promise.all([...this.identifying]);
      found = find();
    }
    if (!found) {
      throw new PoolcheckError(
        'POOLCHECK_ADAPTER_CONTRACT',
        `the pool handed out session ${identity}, which poolcheck never saw this workload open: does the pool connect with backend.drivers.database.url, and is the session's identity read as spec/process-protocol.md says?`,
      );
    }
    return found;
  }

  /** Cuts every connection of this workload at its proxy and closes the proxy: nothing outlives the run. */
  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.allSettled([...this.pendingKills]);
    await Promise.allSettled([...this.identifying]);
    await this.proxy.close();
  }
}
