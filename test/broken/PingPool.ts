// A control, not a broken pool: the reference pool with asynchronous validation. Before it hands
// an idle connection to a waiter it pings it (Connection.ping(), which takes the workload's
// validation latency); a connection that does not answer is closed and the waiter served from
// the next one; a waiter that timed out during the ping is gone, and the connection goes back to
// the pool (or to the next waiter). It declares `asyncValidation`, and passes every rule. It
// promises no order (WAIT-2): a waiter is served when its ping answers, and pings answer in any
// order (mariadb's pool, which pings before handing out, is the same).
import { Lease, PoolClosedError, type PooledConnection, PoolTimeoutError, type Waiter } from '../../adapters/reference/ReferencePool.ts';
import { BasePool } from './BasePool.ts';
import { brokenAdapter } from './brokenAdapter.ts';

export interface PingedConnection extends PooledConnection {
  ping(): Promise<boolean>;
}

export interface PingWaiter<C> extends Waiter<C> {
  /** Timed out: no longer in the queue, and not to be served. */
  gone: boolean;
}

export class PingPool<C extends PingedConnection> extends BasePool<C> {
  /** Connections being pinged for a waiter: capacity in use. */
  protected readonly validating = new Set<C>();

  override acquire(timeoutMs: number | null = this.options.acquireTimeoutMs): Promise<Lease<C>> {
    if (this.closed) return Promise.reject(new PoolClosedError('the pool is closed'));
    return new Promise<Lease<C>>((resolve, reject) => {
      const waiter: PingWaiter<C> = { resolve, reject, timer: null, gone: false };
      if (timeoutMs !== null) waiter.timer = setTimeout(() => this.timeOut(waiter, timeoutMs), timeoutMs);
      this.waiters.push(waiter);
      this.dispatch();
    });
  }

  /** The waiter leaves the queue, or the ping it waits on, with a timeout error. */
  protected timeOut(waiter: PingWaiter<C>, timeoutMs: number): void {
    waiter.gone = true;
    const at = this.waiters.indexOf(waiter);
    if (at >= 0) this.waiters.splice(at, 1);
    waiter.reject(new PoolTimeoutError(`no connection became available within ${timeoutMs} ms`));
    this.dispatch();
  }

  protected override dispatch(): void {
    if (this.closed) return;
    while (this.waiters.length > 0 && this.idle.length > 0) {
      this.validate(this.idle.shift()!, this.waiters.shift() as PingWaiter<C>);
    }
    while (this.waiters.length > this.opening && this.inUse() < this.capacity) this.open();
  }

  /** Pings `conn` for `waiter`, then serves it, or puts it back at the head of the queue. */
  protected validate(conn: C, waiter: PingWaiter<C>): void {
    this.validating.add(conn);
    void conn.ping().then((alive) => this.validated(conn, waiter, alive));
  }

  protected validated(conn: C, waiter: PingWaiter<C>, alive: boolean): void {
    this.validating.delete(conn);
    if (!alive) {
      void conn.close();
      if (waiter.gone) return this.dispatch();
      if (this.closed) return this.settle(waiter, null, new PoolClosedError('the pool was closed while waiting'));
      this.waiters.unshift(waiter);
      return this.dispatch();
    }
    if (waiter.gone) return this.checkIn(conn);
    this.leased.add(conn);
    this.settle(waiter, new Lease(conn), null);
  }

  protected override checkIn(conn: C): void {
    if (this.closed || (this.waiters.length === 0 && this.inUse() >= this.options.size)) void conn.close();
    else this.idle.push(conn);
    this.dispatch();
  }

  protected inUse(): number {
    return this.idle.length + this.leased.size + this.opening + this.validating.size;
  }
}

export const adapter = brokenAdapter('ping-pool', PingPool, { asyncValidation: true, fifo: null });
export const breaks: string[] = [];
