// Just enough of pg.Client (pg 8, lib/client.js) for pg-pool to pool it, over a model-mode backend
// connection. pg-pool touches: connect(cb), query(text, values, cb), end(cb), the 'error' / 'end'
// events, `_queryable` and `_ending` (read in `_release`), and `connection.stream.destroy()` (its
// connect timeout, pg-pool index.js `newClient`).
//
// One simplification: a real client hears at once when the server terminates its session (an
// 'error' event, on which pg-pool drops an idle client). The model backend cannot push that, so
// this client learns it only when a query fails, as pg does for a checked-out client.
import { EventEmitter } from 'node:events';
import type { Connection, Backend } from '../../src/adapter/Backend.ts';

type Callback<T> = (error: Error | null, value?: T) => void;

export class ModelClient extends EventEmitter {
  /** Read by pg-pool `_release`: a client that is not queryable is removed, not kept. */
  _queryable = true;
  _ending = false;
  /** pg-pool's connect timeout calls `client.connection.stream.destroy()`, as for the JS client. */
  readonly connection = { stream: { destroy: () => this.abort() } };
  /** Set by pg-pool on every checkout. */
  release?: (error?: unknown) => void;
  private conn: Connection | null = null;
  private connecting = false;
  private ended = false;
  private connectCallback: Callback<ModelClient> | null = null;
  /** What borrowers use: the backend connection's identity, queries through this client. */
  readonly view: Connection;

  constructor(private readonly backend: Backend) {
    super();
    const current = (): Connection | null => this.conn;
    this.view = {
      get id() {
        return current()?.id ?? '?';
      },
      get open() {
        return current()?.open ?? false;
      },
      get alive() {
        return current()?.alive ?? false;
      },
      query: (sql) => this.query(sql) as Promise<unknown>,
      ping: () => current()?.ping() ?? Promise.resolve(false),
      close: () => this.end(),
    };
  }

  connect(): Promise<ModelClient>;
  connect(callback: Callback<ModelClient>): void;
  connect(callback?: Callback<ModelClient>): Promise<ModelClient> | void {
    if (!callback) {
      return new Promise((resolve, reject) => this.connect((e, c) => (e ? reject(e) : resolve(c!))));
    }
    if (this.connecting || this.conn) {
      process.nextTick(() => callback(new Error('Client has already been connected. You cannot reuse a client.')));
      return;
    }
    this.connecting = true;
    this.connectCallback = callback;
    this.backend.connect().then(
      (conn) => {
        // The socket was destroyed while connecting: the session it opened goes with it.
        if (!this.connecting) return void conn.close();
        this.connecting = false;
        this.conn = conn;
        this.takeConnectCallback()?.(null, this);
      },
      (error: Error) => {
        if (!this.connecting) return;
        this.connecting = false;
        this.ended = true;
        this.takeConnectCallback()?.(error);
      },
    );
  }

  /** pg's Client.query(config, values, callback): throws at once on what it cannot send. */
  query(text: unknown, values?: unknown, callback?: Callback<unknown>): Promise<unknown> | undefined {
    if (typeof values === 'function') callback = values as Callback<unknown>;
    if (text === null || text === undefined) throw new TypeError('Client was passed a null or undefined query');
    const done = callback ?? (() => undefined);
    let result: Promise<unknown>;
    if (!this._queryable || !this.conn) result = Promise.reject(new Error('Client has encountered a connection error and is not queryable'));
    else if (this._ending) result = Promise.reject(new Error('Client was closed and is not queryable'));
    else result = this.conn.query(text); // a synchronous throw of the driver propagates, as in pg
    const settled = result.then(
      (rows) => {
        done(null, rows);
        return rows;
      },
      (error: Error) => {
        // A query that failed because the session is gone leaves the client unusable, as pg's
        // `_handleErrorEvent` does when the socket ends.
        if (this.conn && !this.conn.alive) this._queryable = false;
        done(error);
        throw error;
      },
    );
    if (callback) {
      settled.catch(() => undefined);
      return undefined;
    }
    return settled;
  }

  end(): Promise<void>;
  end(callback: () => void): void;
  end(callback?: () => void): Promise<void> | void {
    this._ending = true;
    const finished = new Promise<void>((resolve) => {
      if (this.connecting) {
        this.abort();
        this.once('end', resolve);
      } else if (!this.conn || this.ended) {
        resolve();
      } else {
        void this.conn.close().then(() => {
          this.ended = true;
          resolve();
          process.nextTick(() => this.emit('end'));
        });
      }
    });
    if (!callback) return finished;
    void finished.then(callback);
  }

  isConnected(): boolean {
    return this.conn !== null && !this.ended;
  }

  /** The socket is destroyed: a connect under way fails, as pg's 'end' handler makes it. */
  private abort(): void {
    if (!this.connecting) return;
    this.connecting = false;
    this.ended = true;
    const callback = this.takeConnectCallback();
    process.nextTick(() => {
      callback?.(new Error(this._ending ? 'Connection terminated' : 'Connection terminated unexpectedly'));
      this.emit('end');
    });
  }

  private takeConnectCallback(): Callback<ModelClient> | null {
    const callback = this.connectCallback;
    this.connectCallback = null;
    return callback;
  }
}
