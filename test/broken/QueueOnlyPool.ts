// A control, not a broken pool: the reference pool with an acquire timeout that covers only the
// queue, a documented choice of some pools. A connect the pool starts runs to its own end for the
// caller it serves; that caller's timeout stops counting meanwhile and resumes, with what is left
// of it, should it be queued again. Connects serve the callers that waited longest, as the
// reference pool's do (its first waiter gets a connect's connection, or its error). Declared
// `covers: 'queue-only'` it passes every rule; declared 'whole-acquire' it fails TIME-1
// (queueOnlyDeclaredWhole.ts).
import { type Lease, PoolClosedError, type PooledConnection, PoolTimeoutError, type Waiter } from '../../adapters/reference/ReferencePool.ts';
import { BasePool } from './BasePool.ts';
import { brokenAdapter } from './brokenAdapter.ts';

interface Budget {
  /** Timeout left, in ms, as of `since`. */
  leftMs: number;
  since: number;
}

export class QueueOnlyPool<C extends PooledConnection> extends BasePool<C> {
  private readonly budgets = new Map<Waiter<C>, Budget>();

  override acquire(timeoutMs: number | null = this.options.acquireTimeoutMs): Promise<Lease<C>> {
    if (this.closed) return Promise.reject(new PoolClosedError('the pool is closed'));
    return new Promise<Lease<C>>((resolve, reject) => {
      const waiter: Waiter<C> = { resolve, reject, timer: null };
      if (timeoutMs !== null) this.budgets.set(waiter, { leftMs: timeoutMs, since: Date.now() });
      this.waiters.push(waiter);
      this.dispatch();
    });
  }

  protected override dispatch(): void {
    super.dispatch();
    this.countQueued();
  }

  /**
   * The first `opening` waiters are being served by connects under way: their timeouts pause.
   * The rest are queued: their timeouts run. A timeout already due at this instant still fires.
   */
  private countQueued(): void {
    const now = Date.now();
    this.waiters.forEach((waiter, index) => {
      const budget = this.budgets.get(waiter);
      if (!budget) return;
      const served = index < this.opening;
      if (served && waiter.timer !== null && budget.leftMs - (now - budget.since) > 0) {
        clearTimeout(waiter.timer);
        waiter.timer = null;
        budget.leftMs -= now - budget.since;
      } else if (!served && waiter.timer === null) {
        budget.since = now;
        waiter.timer = setTimeout(() => this.expire(waiter), this.queueTimerMs(budget.leftMs));
      }
    });
  }

  /** How long the queue timer is set for (a broken pool sets it late). */
  protected queueTimerMs(leftMs: number): number {
    return leftMs;
  }

  private expire(waiter: Waiter<C>): void {
    this.waiters.splice(this.waiters.indexOf(waiter), 1);
    this.budgets.delete(waiter);
    waiter.reject(new PoolTimeoutError('no connection was handed over within the acquire timeout'));
    this.dispatch();
  }

  protected override settle(waiter: Waiter<C>, lease: Lease<C> | null, error: Error | null): void {
    this.budgets.delete(waiter);
    super.settle(waiter, lease, error);
  }
}

export const adapter = brokenAdapter('queue-only-timeout', QueueOnlyPool, { acquireTimeout: { covers: 'queue-only', defaultMs: null } });
export const breaks: string[] = [];
