// A control, not a broken pool: the reference pool with pg-pool's way of serving callers. A
// caller that finds no idle connection and capacity free is handed the connection opened for it,
// whenever that connect finishes, and is in no queue; only callers that find the pool full wait
// in the (FIFO) queue. pg-pool documents exactly that ("if the pool is full and all clients are
// checked out ... wait in a FIFO queue"), so it declares fifo 'when-full' and passes every rule.
// Declared 'every-caller' instead, it overclaims: see ownConnectionClaimsEveryCaller.
import { Lease, PoolClosedError, PoolTimeoutError, type PooledConnection, type Waiter } from '../../adapters/reference/ReferencePool.ts';
import { BasePool } from './BasePool.ts';
import { brokenAdapter } from './brokenAdapter.ts';

export class OwnConnectionPool<C extends PooledConnection> extends BasePool<C> {
  /** Connects under way for a caller of their own (not for the queue). */
  protected own = 0;
  /** Callers waiting for their own connect: close() rejects them, as it rejects the queue. */
  private readonly ownWaiters = new Set<() => void>();

  /** What the reference pool may use for its queue: its own connects hold the rest. */
  protected override get capacity(): number {
    return this.options.size + this.options.maxOverflow - this.own;
  }

  override acquire(timeoutMs: number | null = this.options.acquireTimeoutMs): Promise<Lease<C>> {
    // pg-pool: `if (this._isFull() || this._idle.length)` queue, else `newClient` for this caller.
    if (this.closed || this.idle.length > 0 || this.idle.length + this.leased.size + this.opening >= this.capacity) return super.acquire(timeoutMs);
    return new Promise<Lease<C>>((resolve, reject) => {
      const waiter: Waiter<C> = { resolve, reject, timer: null };
      let gaveUp = false;
      const onClose = () => {
        gaveUp = true;
        this.settle(waiter, null, new PoolClosedError('the pool was closed while connecting'));
      };
      if (timeoutMs !== null) {
        waiter.timer = setTimeout(() => {
          gaveUp = true;
          this.ownWaiters.delete(onClose);
          reject(new PoolTimeoutError(`no connection became available within ${timeoutMs} ms`));
        }, timeoutMs);
      }
      this.ownWaiters.add(onClose);
      this.own++;
      this.options.connect().then(
        (conn) => {
          this.own--;
          this.ownWaiters.delete(onClose);
          if (!gaveUp && !this.closed) {
            this.leased.add(conn);
            this.settle(waiter, new Lease(conn), null);
            return;
          }
          this.checkIn(conn); // to the queue, idle, or closed, as any connection that comes back
        },
        (error: Error) => {
          this.own--;
          this.ownWaiters.delete(onClose);
          if (!gaveUp) this.settle(waiter, null, error);
          this.dispatch();
        },
      );
    });
  }

  override close(): Promise<void> {
    for (const reject of [...this.ownWaiters]) reject();
    this.ownWaiters.clear();
    return super.close();
  }
}

export const adapter = brokenAdapter('own-connection-pool', OwnConnectionPool, { fifo: 'when-full' });
export const breaks: string[] = [];
