// A fault-injecting TCP proxy on loopback, between a pool and its database server: live mode's
// general tool for "make new connections fail, stall or be cut for a window" (issue 3, item 4).
//
// It listens on 127.0.0.1 only, on an ephemeral port, and forwards each accepted connection to
// the target. The mode decides what happens to NEW connections; cut() acts on existing ones. A
// `decide` hook, given at start, decides for each connection on its own instead, so that
// concurrent connects each get their own fault (live mode's scripted connect steps).
// Everything time-based runs on real timers captured at import (see proxy/realTime.ts), so a
// model run that installs virtual time never freezes a window.
import type net from 'node:net';
import { PoolcheckError, describeValue } from '../errors.ts';
import { resolveFaultMode, resolveMillis, type FaultMode, type FaultModeInput, type StallRelease } from './proxy/faultMode.ts';
import { ProxiedConnection, type ConnectionHooks, type ConnectionWatch, type ProxiedConnectionInfo, type ProxyTarget } from './proxy/ProxiedConnection.ts';
import { LoopbackListener } from './proxy/LoopbackListener.ts';
import { loopTurns, realClearTimeout, realSetTimeout } from './proxy/realTime.ts';

export type { FaultKind, FaultMode, FaultModeInput, RefuseVia, StallRelease } from './proxy/faultMode.ts';
export type { ConnectionState, ConnectionWatch, ProxiedConnectionInfo, ProxyTarget } from './proxy/ProxiedConnection.ts';

/**
 * What one accepted connection gets, decided from its info (the client's port tells a runner
 * which of its connects it is): a mode, a promise of one (the connection waits, unread, in state
 * `deciding`), or undefined for the proxy's mode at that time. A rejection or a bad mode resets it.
 * `closed` resolves once the connection is gone (cut while deciding, say).
 */
export type Decide = (accepted: ProxiedConnectionInfo, closed: Promise<void>) => FaultModeInput | undefined | Promise<FaultModeInput | undefined>;

export interface FaultProxyOptions {
  /** Where accepted connections go: a host and port, or a unix socket path. */
  readonly target: ProxyTarget;
  /** Decides per connection instead of the mode; see Decide. */
  readonly decide?: Decide;
  /** Reads each accepted connection's bytes and ends (see ConnectionWatch); called at accept, before `decide`. */
  readonly watch?: (accepted: ProxiedConnectionInfo) => ConnectionWatch | undefined;
}

/** Counts since start, as a plain snapshot. */
export interface FaultProxyStats {
  /** Every connection the proxy accepted (kernel refusals in `listener` mode are not seen). */
  readonly accepted: number;
  /** Connections whose upstream connect succeeded (stalled ones count once released). */
  readonly forwarded: number;
  /** Closed without going upstream by a `refuse` mode or decision (reset or fin). */
  readonly refused: number;
  /** Accepted during a `stall`, or stalled by their own decision. */
  readonly stalled: number;
  /** Stalled connections reset when their stall ended with `release: 'drop'`. */
  readonly dropped: number;
  /** Connections cut by cut() or by a `fail-after` mode. close() is not counted. */
  readonly cut: number;
  /** Upstream connects that failed (the client is reset). */
  readonly upstreamErrors: number;
  /** Connections with a socket still open. */
  readonly live: number;
}

/** How a fault window ended: its time ran out, another mode replaced it, or the proxy closed. */
export type WindowEnd = 'elapsed' | 'superseded' | 'closed';

const PASS: FaultMode = { kind: 'pass' };

interface FaultWindow {
  timer: ReturnType<typeof setTimeout> | null;
  readonly resolve: (end: WindowEnd) => void;
}

export class FaultProxy {
  private listener!: LoopbackListener;
  private current: FaultMode = PASS;
  private readonly live = new Map<number, ProxiedConnection>();
  /** Connections stalled by their own decision, with how their stall ends: mode changes leave them alone. */
  private readonly ownStalls = new Map<number, StallRelease>();
  private nextId = 0;
  private window: FaultWindow | null = null;
  private closing = false;
  private readonly counts = { accepted: 0, forwarded: 0, refused: 0, stalled: 0, dropped: 0, cut: 0, upstreamErrors: 0 };
  private readonly hooks: ConnectionHooks = {
    forwarded: () => void this.counts.forwarded++,
    upstreamFailed: () => void this.counts.upstreamErrors++,
    gone: (conn) => {
      this.live.delete(conn.id);
      this.ownStalls.delete(conn.id);
    },
  };

  private constructor(
    private readonly target: ProxyTarget,
    private readonly decide: Decide | undefined,
    private readonly watch: FaultProxyOptions['watch'],
  ) {}

  /** Starts listening on 127.0.0.1 on an ephemeral port. */
  static async start(options: FaultProxyOptions): Promise<FaultProxy> {
    const proxy = new FaultProxy(checkTarget(options?.target), checkDecide(options?.decide), options?.watch);
    proxy.listener = await LoopbackListener.open((socket) => proxy.accept(socket));
    return proxy;
  }

  /** Always 127.0.0.1. */
  get host(): string {
    return this.listener.host;
  }

  /** The port pools connect to (fixed for the proxy's life, also across `listener` refusals). */
  get port(): number {
    return this.listener.port;
  }

  get mode(): FaultMode {
    return this.current;
  }

  /**
   * Switches the mode for new connections, ending any fault window. Resolves once the mode is in
   * effect (leaving a `listener` refusal means listening again, which can fail).
   */
  setMode(input: FaultModeInput): Promise<void> {
    const mode = resolveFaultMode(input);
    this.endWindow('superseded');
    return this.apply(mode);
  }

  /** `mode` for `ms`, then `pass` again. Resolves when the window is over and `pass` is in effect. */
  faultWindow(input: FaultModeInput, ms: number): Promise<WindowEnd> {
    const mode = resolveFaultMode(input);
    const duration = resolveMillis('`ms` of a fault window', ms);
    this.endWindow('superseded');
    return new Promise<WindowEnd>((resolve, reject) => {
      const window: FaultWindow = { timer: null, resolve };
      this.window = window;
      this.apply(mode).then(
        () => {
          if (this.window !== window) return; // superseded or closed meanwhile: already resolved
          window.timer = realSetTimeout(() => {
            this.window = null;
            this.apply(PASS).then(() => resolve('elapsed'), reject);
          }, duration);
        },
        (error: Error) => {
          if (this.window === window) this.window = null;
          reject(error);
        },
      );
    });
  }

  /**
   * Ends the stall of one connection stalled by its own decision (or by the mode), as its stall
   * says: forwarded late, or dropped. False when it is not stalled (gone, or never was).
   */
  release(id: number): boolean {
    const conn = this.live.get(id);
    if (!conn || conn.state !== 'stalled' || conn.gone) return false;
    const release = this.ownStalls.get(id) ?? (this.current.kind === 'stall' ? this.current.release : 'connect');
    this.ownStalls.delete(id);
    if (release === 'connect') conn.forward(this.target);
    else if (conn.cut()) this.counts.dropped++;
    return true;
  }

  /** Resets both sides of every live connection (no id) or of one; returns how many were cut. */
  cut(id?: number): number {
    if (id !== undefined && !Number.isInteger(id)) throw new PoolcheckError('POOLCHECK_USAGE', `Expected a connection id (an integer), got ${describeValue(id)}`);
    const targets = id === undefined ? [...this.live.values()] : [this.live.get(id)];
    let n = 0;
    for (const conn of targets) if (conn?.cut()) n++;
    this.counts.cut += n;
    return n;
  }

  stats(): FaultProxyStats {
    return { ...this.counts, live: this.live.size };
  }

  /** The live connections, oldest first. */
  connections(): ProxiedConnectionInfo[] {
    return [...this.live.values()].map((conn) => conn.info());
  }

  /** Resolves once every socket of connection `id` has closed (at once for an id no longer live). */
  connectionClosed(id: number): Promise<void> {
    return this.live.get(id)?.closed ?? Promise.resolve();
  }

  /** Stops listening and resets every connection; resolves once every socket and server is closed and its handle released. */
  async close(): Promise<void> {
    if (!this.closing) {
      this.closing = true;
      this.endWindow('closed');
      await this.listener.stop();
      for (const conn of this.live.values()) conn.cut();
    }
    await Promise.all([this.listener.closed(), ...[...this.live.values()].map((conn) => conn.closed)]);
    await loopTurns(); // and their handles are released, so nothing keeps the process alive
  }

  private apply(mode: FaultMode): Promise<void> {
    if (this.closing) return Promise.reject(new PoolcheckError('POOLCHECK_USAGE', 'The fault proxy is closed; its mode can no longer change'));
    const previous = this.current;
    this.current = mode;
    if (previous.kind === 'stall' && mode.kind !== 'stall') this.releaseStalled(previous.release);
    return this.listener.set(!(mode.kind === 'refuse' && mode.via === 'listener'));
  }

  private releaseStalled(release: 'connect' | 'drop'): void {
    for (const conn of this.live.values()) {
      if (conn.state !== 'stalled' || this.ownStalls.has(conn.id)) continue;
      if (release === 'connect') conn.forward(this.target);
      else if (conn.cut()) this.counts.dropped++;
    }
  }

  private endWindow(end: WindowEnd): void {
    const window = this.window;
    if (!window) return;
    this.window = null;
    if (window.timer) realClearTimeout(window.timer);
    window.resolve(end);
  }

  private accept(socket: net.Socket): void {
    const conn = new ProxiedConnection(++this.nextId, socket, this.decide ? null : this.current.kind, this.hooks);
    this.live.set(conn.id, conn);
    this.counts.accepted++;
    conn.watch = this.watch?.(conn.info());
    if (this.closing) return void conn.cut();
    if (!this.decide) return this.admit(conn, this.current, false);
    let decided: ReturnType<Decide>;
    try {
      decided = this.decide(conn.info(), conn.closed);
    } catch {
      return void conn.cut();
    }
    if (!(decided instanceof Promise)) return this.admitDecided(conn, decided);
    decided.then(
      (input) => this.admitDecided(conn, input),
      () => void conn.cut(),
    );
  }

  private admitDecided(conn: ProxiedConnection, input: FaultModeInput | undefined): void {
    // Closed meanwhile (close() cut it), or the client went away while it waited.
    if (this.closing || conn.gone) return void conn.cut();
    let mode: FaultMode;
    try {
      mode = input === undefined ? this.current : resolveFaultMode(input);
    } catch {
      return void conn.cut();
    }
    this.admit(conn, mode, input !== undefined);
  }

  /** Applies `mode` to a new connection; `own` when it is the connection's own decision. */
  private admit(conn: ProxiedConnection, mode: FaultMode, own: boolean): void {
    conn.acceptedIn = mode.kind;
    conn.state = 'stalled';
    switch (mode.kind) {
      case 'pass':
        return conn.forward(this.target);
      case 'refuse':
        this.counts.refused++;
        // A connection that slipped in as the listener closed, or one whose own decision is a
        // listener refusal (the listener is every connection's), is refused with RST.
        return conn.refuse(mode.via === 'fin' ? 'fin' : 'reset');
      case 'stall':
        this.counts.stalled++;
        if (own) this.ownStalls.set(conn.id, mode.release);
        return; // paused on accept: nothing is read, nothing is sent, until released
      case 'fail-after':
        conn.forward(this.target);
        return conn.cutAfter(mode.ms, () => this.counts.cut++);
    }
  }
}

function checkTarget(target: ProxyTarget | undefined): ProxyTarget {
  if (target && 'path' in target) {
    if (typeof target.path !== 'string' || target.path === '') throw new PoolcheckError('POOLCHECK_USAGE', `Expected \`target.path\` to be a unix socket path, got ${describeValue(target.path)}`);
    return { path: target.path };
  }
  const { host, port } = target ?? {};
  if (typeof host !== 'string' || host === '') throw new PoolcheckError('POOLCHECK_USAGE', `Expected \`target.host\` to be a host name or address, got ${describeValue(host)}`);
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) throw new PoolcheckError('POOLCHECK_USAGE', `Expected \`target.port\` to be a port number from 1 to 65535, got ${describeValue(port)}`);
  return { host, port };
}

function checkDecide(decide: unknown): Decide | undefined {
  if (decide === undefined || typeof decide === 'function') return decide as Decide | undefined;
  throw new PoolcheckError('POOLCHECK_USAGE', `Expected \`decide\` to be a function, got ${describeValue(decide)}`);
}
