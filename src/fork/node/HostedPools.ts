// The pools a host built and the leases they lent, by the handles poolcheck knows them by, and
// each op as the adapter's own call (src/adapter/Adapter.ts). A lease's session is the one its
// Connection (`adapter.connection(lease)`) remembers from its connect; `session` asks the server
// again, over that Connection, every time.
import type { Adapter, PoolConfig } from '../../adapter/Adapter.ts';
import type { ServerSession } from '../../adapter/Backend.ts';
import type { Handle, Ops } from '../../process/protocol.ts';
import { notOfProtocol } from './HostRefusal.ts';
import { PgSessionConnection } from './PgSessionConnection.ts';
import { readSession } from './readSession.ts';
import { UrlBackend } from './UrlBackend.ts';

/** Where a pool connects: `create`'s `database`. */
export type PoolDatabase = Ops['create']['args']['database'];

/** What builds a pool again, under the same handle, in a forked child. */
export interface PoolPlan {
  readonly handle: Handle;
  readonly config: PoolConfig;
  readonly database: PoolDatabase;
  /** Closed in the parent: closed in the child too, as a forked process would have inherited it. */
  readonly closed: boolean;
}

interface HostedPool {
  readonly pool: unknown;
  readonly config: PoolConfig;
  readonly database: PoolDatabase;
  closed: boolean;
}

export class HostedPools {
  readonly #pools = new Map<Handle, HostedPool>();
  /** Kept after release and destroy: poolcheck releases a lease twice on purpose (the misuse rules). */
  readonly #leases = new Map<Handle, unknown>();
  #made = 0;

  /** `prefix` keeps a child's handles apart from its parent's, which it shares the session with. */
  constructor(
    readonly adapter: Adapter,
    private readonly prefix = '',
  ) {}

  /** Builds a pool on a URL backend of its own; `handle` when rebuilding a parent's pool. */
  create(config: PoolConfig, database: PoolDatabase, handle: Handle = this.#name('p')): Handle {
    // The native Promise: runtime.Promise cannot cross the process boundary (see greetingOf).
    const pool = this.adapter.create(config, new UrlBackend(database.url), { Promise });
    this.#pools.set(handle, { pool, config, database, closed: false });
    return handle;
  }

  async acquire(pool: Handle, timeoutMs: number | undefined): Promise<{ lease: Handle; session: ServerSession }> {
    const lease = await this.adapter.acquire(this.#pool(pool).pool, timeoutMs === undefined ? {} : { timeoutMs });
    const handle = this.#name('l');
    this.#leases.set(handle, lease);
    return { lease: handle, session: this.#remembered(lease) };
  }

  async use(lease: Handle, sql: string): Promise<void> {
    await this.adapter.connection(this.#lease(lease)).query(sql);
  }

  async release(pool: Handle, lease: Handle): Promise<void> {
    await this.adapter.release(this.#pool(pool).pool, this.#lease(lease));
  }

  async destroy(pool: Handle, lease: Handle): Promise<void> {
    await this.adapter.destroy(this.#pool(pool).pool, this.#lease(lease));
  }

  /** The pool's one-query helper; `sql` undefined is the helper called without a statement. */
  async query(pool: Handle, sql: string | undefined): Promise<void> {
    if (this.adapter.query === undefined) throw notOfProtocol(`\`query\` asked of adapter ${this.adapter.name}, which does not declare it`);
    await this.adapter.query(this.#pool(pool).pool, sql);
  }

  async close(pool: Handle): Promise<void> {
    const hosted = this.#pool(pool);
    hosted.closed = true;
    await this.adapter.close(hosted.pool);
  }

  /** The lease's session as the server names it now, read over the lease's connection. */
  session(lease: Handle): Promise<ServerSession> {
    const connection = this.adapter.connection(this.#lease(lease));
    return readSession((sql) => connection.query(sql));
  }

  plans(): PoolPlan[] {
    return [...this.#pools].map(([handle, { config, database, closed }]) => ({ handle, config, database, closed }));
  }

  #name(kind: 'p' | 'l'): Handle {
    return `${this.prefix}${kind}${++this.#made}`;
  }

  #pool(handle: Handle): HostedPool {
    const pool = this.#pools.get(handle);
    if (pool === undefined) throw notOfProtocol(`no pool has the handle ${JSON.stringify(handle)}`);
    return pool;
  }

  #lease(handle: Handle): unknown {
    if (!this.#leases.has(handle)) throw notOfProtocol(`no lease has the handle ${JSON.stringify(handle)}`);
    return this.#leases.get(handle);
  }

  /** The session read when the lease's connection was opened (UrlBackend), not asked again. */
  #remembered(lease: unknown): ServerSession {
    const connection = this.adapter.connection(lease);
    if (connection instanceof PgSessionConnection) return connection.session;
    throw new Error(`adapter ${this.adapter.name}: connection(lease) is not a connection of the backend its pool was built on`);
  }
}
