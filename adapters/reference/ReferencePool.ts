// The reference pool: QueuePool semantics in the smallest clean form, and the pool every rule is
// proven against. `size` connections are kept; up to `maxOverflow` more are opened under load and
// closed when returned; waiters are served first come, first served, and give up after the acquire
// timeout with a PoolTimeoutError; close rejects waiters with a PoolClosedError and closes every
// connection, the borrowed ones as they come back.
//
// A connection is always in exactly one place: `idle`, `leased`, or being opened (`opening`
// counts those). Capacity used = idle + leased + opening, and it never exceeds size + maxOverflow.

export interface PooledConnection {
  readonly alive: boolean;
  query(sql: unknown): Promise<unknown>;
  close(): Promise<void>;
}

export interface ReferencePoolOptions<C extends PooledConnection> {
  readonly size: number;
  readonly maxOverflow: number;
  readonly acquireTimeoutMs: number | null;
  readonly connect: () => Promise<C>;
}

export class PoolTimeoutError extends Error {
  override name = 'PoolTimeoutError';
  readonly code = 'POOL_TIMEOUT';
}

export class PoolClosedError extends Error {
  override name = 'PoolClosedError';
  readonly code = 'POOL_CLOSED';
}

/**
 * What a borrower holds. Release and destroy take the lease, not the connection: a connection is
 * leased again and again, so only the lease can tell a second release from a new borrower's.
 */
export class Lease<C> {
  active = true;
  constructor(readonly conn: C) {}
}

export interface Waiter<C> {
  resolve(lease: Lease<C>): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout> | null;
}

export class ReferencePool<C extends PooledConnection> {
  // Protected rather than private: the broken pools in test/broken/ are this pool with one
  // method overridden.
  protected readonly idle: C[] = [];
  protected readonly leased = new Set<C>();
  protected opening = 0;
  protected readonly waiters: Waiter<C>[] = [];
  protected closed = false;

  constructor(protected readonly options: ReferencePoolOptions<C>) {}

  protected get capacity(): number {
    return this.options.size + this.options.maxOverflow;
  }

  acquire(timeoutMs: number | null = this.options.acquireTimeoutMs): Promise<Lease<C>> {
    if (this.closed) return Promise.reject(new PoolClosedError('the pool is closed'));
    return new Promise<Lease<C>>((resolve, reject) => {
      const waiter: Waiter<C> = { resolve, reject, timer: null };
      if (timeoutMs !== null) {
        waiter.timer = setTimeout(() => {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          reject(new PoolTimeoutError(`no connection became available within ${timeoutMs} ms`));
          // A waiter leaving can leave an opening connection without a taker: hand it on.
          this.dispatch();
        }, timeoutMs);
      }
      this.waiters.push(waiter);
      this.dispatch();
    });
  }

  release(lease: Lease<C>): void {
    this.checkOut(lease, 'release');
    this.checkIn(lease.conn);
  }

  destroy(lease: Lease<C>): void {
    this.checkOut(lease, 'destroy');
    void lease.conn.close();
    this.dispatch();
  }

  async query(sql: unknown): Promise<unknown> {
    const lease = await this.acquire();
    try {
      return await lease.conn.query(sql);
    } finally {
      this.release(lease);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) this.settle(waiter, null, new PoolClosedError('the pool was closed while waiting'));
    await Promise.all(this.idle.splice(0).map((conn) => conn.close()));
  }

  /** Serves waiters in order from idle connections, then opens what they still need. */
  protected dispatch(): void {
    if (this.closed) return;
    while (this.waiters.length > 0 && this.idle.length > 0) {
      const conn = this.idle.shift()!;
      if (!conn.alive) {
        void conn.close(); // validation: a connection the server killed is replaced, not handed out
        continue;
      }
      this.leased.add(conn);
      this.settle(this.waiters.shift()!, new Lease(conn), null);
    }
    while (this.waiters.length > this.opening && this.idle.length + this.leased.size + this.opening < this.capacity) {
      this.open();
    }
  }

  protected open(): void {
    this.opening++;
    this.options.connect().then(
      (conn) => {
        this.opening--;
        this.checkIn(conn);
      },
      (error: Error) => {
        this.opening--;
        // The first waiter gets the connect error; the others keep waiting for a retry.
        const waiter = this.waiters.shift();
        if (waiter) this.settle(waiter, null, error);
        this.dispatch();
      },
    );
  }

  /** Ends a lease; a lease that already ended, or is not ours, is refused. */
  protected checkOut(lease: Lease<C>, what: string): void {
    if (!lease.active || !this.leased.delete(lease.conn)) {
      throw new Error(`${what}() of a lease that is not active in this pool (released twice?)`);
    }
    lease.active = false;
  }

  /** A connection comes back (released, or just opened): keep it if it is wanted, else close it. */
  protected checkIn(conn: C): void {
    const kept = this.idle.length + this.leased.size + this.opening;
    if (this.closed || (this.waiters.length === 0 && kept >= this.options.size)) {
      void conn.close(); // overflow is closed on return
    } else {
      this.idle.push(conn);
    }
    this.dispatch();
  }

  protected settle(waiter: Waiter<C>, lease: Lease<C> | null, error: Error | null): void {
    if (waiter.timer !== null) clearTimeout(waiter.timer);
    if (lease) waiter.resolve(lease);
    else waiter.reject(error!);
  }
}
