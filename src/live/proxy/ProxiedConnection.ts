// One accepted client connection and, once forwarded, its upstream connection. Data flows by
// pipe() in both directions, so a slow reader stops the other side instead of growing a buffer
// here; half-closes are passed on (both sockets allow half-open). An abrupt end of one side
// (RST, error, cut) resets the other side, as a network would show it.
import net from 'node:net';
import type { FaultKind } from './faultMode.ts';
import { realClearTimeout, realDateNow, realSetTimeout } from './realTime.ts';

/**
 * `deciding`: accepted, waiting for its own decision (the proxy's `decide` hook), nothing read;
 * `stalled`: accepted, no upstream yet; `connecting`: upstream connect pending; `open`: piping;
 * `refusing`: being closed (refuse via fin).
 */
export type ConnectionState = 'deciding' | 'stalled' | 'connecting' | 'open' | 'refusing';

/** Where a connection goes: a TCP host and port, or a unix socket path. */
export type ProxyTarget = { readonly host: string; readonly port: number } | { readonly path: string };

/** A plain snapshot of a live connection, for a runner to correlate with its own events. */
export interface ProxiedConnectionInfo {
  readonly id: number;
  /** Wall-clock ms since the epoch (real time, also during model runs). */
  readonly startedAt: number;
  readonly state: ConnectionState;
  /** The mode it was accepted in (its own decision, or the proxy's mode); null while deciding. */
  readonly acceptedIn: FaultKind | null;
  /** The client's own local port (e.g. a pg client's `connection.stream.localPort`). */
  readonly clientPort: number | null;
  /** The proxy's local port towards the server: PostgreSQL's `pg_stat_activity.client_port`. */
  readonly upstreamPort: number | null;
}

/**
 * Reads a forwarded connection's bytes as they pass, for pools that open their own connections:
 * the backend learns from the wire when a session exists, which it is and who ended it. Each
 * chunk is seen in the same turn as it is passed on, before the other side can answer anything.
 */
export interface ConnectionWatch {
  /** Bytes the client sent. */
  client?(chunk: Buffer): void;
  /** Bytes the server sent. */
  server?(chunk: Buffer): void;
  /**
   * The first side that ended (FIN) or closed: `proxy` when the proxy cut or refused it (a
   * scripted fault, or the run's end).
   */
  ended?(by: 'client' | 'server' | 'proxy'): void;
}

export interface ConnectionHooks {
  forwarded(conn: ProxiedConnection): void;
  upstreamFailed(conn: ProxiedConnection, error: Error): void;
  gone(conn: ProxiedConnection): void;
}

/** After refusing with FIN, how long the client gets to close its side before it is reset. */
const FIN_GRACE_MS = 1000;

/**
 * RST when the socket is connected (resetAndDestroy), a plain destroy while it is connecting, when
 * it is no TCP socket (a unix socket has no RST), or once its side was ended: libuv refuses to
 * reset a socket that has shut down for writing (EINVAL), and Node then never emits its 'close'.
 */
function reset(socket: net.Socket): void {
  if (socket.destroyed) return;
  if (socket.connecting || socket.pending || socket.remotePort === undefined || socket.writableEnded) socket.destroy();
  else socket.resetAndDestroy();
}

export class ProxiedConnection {
  readonly startedAt = realDateNow();
  state: ConnectionState;
  /** Set once the mode for this connection is known. */
  acceptedIn: FaultKind | null;
  private upstream: net.Socket | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private openSockets = 0;
  /** Resolves once every socket of this connection has closed. */
  readonly closed: Promise<void>;
  /** Set by the proxy at accept, before anything is read. */
  watch: ConnectionWatch | undefined;
  private endedBy: 'client' | 'server' | 'proxy' | null = null;
  private resolveClosed!: () => void;

  constructor(
    readonly id: number,
    private readonly client: net.Socket,
    acceptedIn: FaultKind | null,
    private readonly hooks: ConnectionHooks,
  ) {
    this.acceptedIn = acceptedIn;
    this.state = acceptedIn === null ? 'deciding' : 'stalled';
    this.closed = new Promise((resolve) => (this.resolveClosed = resolve));
    this.track(client, () => this.upstream);
  }

  info(): ProxiedConnectionInfo {
    return {
      id: this.id,
      startedAt: this.startedAt,
      state: this.state,
      acceptedIn: this.acceptedIn,
      clientPort: this.client.remotePort ?? null,
      upstreamPort: this.upstream?.localPort ?? null,
    };
  }

  /** Gone (every socket closed) or being gone: nothing more will happen to it. */
  get gone(): boolean {
    return this.openSockets === 0 || this.client.destroyed;
  }

  forward(target: ProxyTarget): void {
    if (this.client.destroyed || this.upstream) return;
    this.state = 'connecting';
    const upstream = net.connect({ ...target, allowHalfOpen: true });
    this.upstream = upstream;
    this.track(upstream, () => this.client);
    upstream.once('error', (error) => {
      if (this.state === 'connecting') this.hooks.upstreamFailed(this, error);
    });
    upstream.once('connect', () => {
      if (this.client.destroyed) return upstream.destroy();
      this.state = 'open';
      upstream.setNoDelay(true);
      this.client.setNoDelay(true);
      this.client.pipe(upstream);
      upstream.pipe(this.client);
      const watch = this.watch;
      if (watch?.client) this.client.on('data', (chunk: Buffer) => watch.client!(chunk));
      if (watch?.server) upstream.on('data', (chunk: Buffer) => watch.server!(chunk));
      this.hooks.forwarded(this);
    });
  }

  /** Closes the client without ever connecting upstream. */
  refuse(via: 'reset' | 'fin'): void {
    this.state = 'refusing';
    this.end('proxy');
    if (via === 'reset') return reset(this.client);
    // FIN, then read and discard until the client closes; a client that never does is reset.
    this.client.end();
    this.client.resume();
    this.schedule(FIN_GRACE_MS, () => reset(this.client));
  }

  /** Cuts both sides (RST) after `ms`, whatever the mode is by then. */
  cutAfter(ms: number, onCut: () => void): void {
    this.schedule(ms, () => {
      if (this.cut()) onCut();
    });
  }

  /** Resets both sides at once, like a network cut seen as RST. False when already gone. */
  cut(): boolean {
    if (this.openSockets === 0) return false;
    this.end('proxy');
    reset(this.client);
    if (this.upstream) reset(this.upstream);
    return true;
  }

  private schedule(ms: number, fn: () => void): void {
    if (this.timer) realClearTimeout(this.timer);
    this.timer = realSetTimeout(() => {
      this.timer = null;
      fn();
    }, ms);
  }

  /** Every socket gets an error handler at once: one bad socket never crashes the process. */
  private track(socket: net.Socket, other: () => net.Socket | null): void {
    this.openSockets++;
    const side = socket === this.client ? 'client' : 'server';
    socket.once('end', () => this.end(side));
    socket.on('error', () => {
      // The 'close' that follows carries hadError and does the work.
    });
    socket.once('close', (hadError: boolean) => {
      this.end(side);
      const peer = other();
      if (peer && !peer.destroyed) {
        if (hadError || peer.connecting || peer.pending) reset(peer);
        else {
          // A graceful close: pipe() has passed the end on already. Read and discard whatever
          // the peer still sends, so it can finish its side and close too.
          peer.end();
          peer.resume();
        }
      }
      if (--this.openSockets === 0) this.finish();
    });
  }

  /** The first side to end, told to the watch once. */
  private end(by: 'client' | 'server' | 'proxy'): void {
    if (this.endedBy !== null) return;
    this.endedBy = by;
    this.watch?.ended?.(by);
  }

  private finish(): void {
    if (this.timer) realClearTimeout(this.timer);
    this.timer = null;
    this.resolveClosed();
    this.hooks.gone(this);
  }
}
