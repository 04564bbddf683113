// Bug: a slow reconnect is dropped. After a connect fails, the pool's reconnects run under a
// deadline of its own (RECONNECT_DEADLINE_MS): one that misses it is given up on, its slot freed
// for another attempt, and the connection it opens after all is neither pooled nor closed: a
// session lost to the pool for good. Only a failed connect followed by one slower than the
// deadline (past the waiter's timeout, typically) reaches it; first connects wait as long as they
// take. Caught by ERR-1: once the server recovers, the lost session stays open outside the
// probe's hands.
import type { PooledConnection } from '../../adapters/reference/ReferencePool.ts';
import type { Adapter } from '../../src/adapter/Adapter.ts';
import type { Connection } from '../../src/adapter/Backend.ts';
import { BasePool } from './BasePool.ts';
import { brokenAdapter } from './brokenAdapter.ts';

/** Longer than any connect model mode's other latencies (at most 20 ms) make. */
const RECONNECT_DEADLINE_MS = 25;

/**
 * The pool with its deadline in real ms: live mode's test gives it one that real connects
 * through the fault proxy fit in (25 workload ms at live mode's scale), else every reconnect
 * would miss it.
 */
export function slowReconnectDroppedAdapter(deadlineMs: number): Adapter {
  return brokenAdapter(
    'slow-reconnect-dropped',
    class extends SlowReconnectDropped<Connection> {
      protected override readonly deadlineMs = deadlineMs;
    },
  );
}

class SlowReconnectDropped<C extends PooledConnection> extends BasePool<C> {
  protected readonly deadlineMs: number = RECONNECT_DEADLINE_MS;
  /** Set by a failed connect, cleared by a successful one: connects in between are reconnects. */
  private failing = false;

  protected override open(): void {
    this.opening++;
    let abandoned = false;
    const deadline = this.failing
      ? setTimeout(() => {
          abandoned = true;
          this.opening--;
          this.dispatch(); // another attempt for the waiters
        }, this.deadlineMs)
      : null;
    this.options.connect().then(
      (conn) => {
        if (deadline !== null) clearTimeout(deadline);
        // BUG: the late connection is forgotten, not closed (nor pooled).
        if (abandoned) return;
        this.failing = false;
        this.opening--;
        this.checkIn(conn);
      },
      (error: Error) => {
        if (deadline !== null) clearTimeout(deadline);
        if (abandoned) return;
        this.failing = true;
        this.opening--;
        const waiter = this.waiters.shift();
        if (waiter) this.settle(waiter, null, error);
        this.dispatch();
      },
    );
  }
}

export const adapter = slowReconnectDroppedAdapter(RECONNECT_DEADLINE_MS);
export const breaks: string[] = ['ERR-1'];
