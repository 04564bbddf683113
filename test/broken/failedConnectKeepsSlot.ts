// Bug: a failed connect keeps its slot. When opening a connection fails, the pool still counts it
// as being opened, so every failure shrinks the capacity for good. Caught by ERR-1.
import type { PooledConnection } from '../../adapters/reference/ReferencePool.ts';
import { BasePool } from './BasePool.ts';
import { brokenAdapter } from './brokenAdapter.ts';

class FailedConnectKeepsSlot<C extends PooledConnection> extends BasePool<C> {
  protected override open(): void {
    this.opening++;
    this.options.connect().then(
      (conn) => {
        this.opening--;
        this.checkIn(conn);
      },
      (error: Error) => {
        // BUG: no `this.opening--` here
        const waiter = this.waiters.shift();
        if (waiter) this.settle(waiter, null, error);
        this.dispatch();
      },
    );
  }
}

export const adapter = brokenAdapter('failed-connect-keeps-slot', FailedConnectKeepsSlot);
export const breaks: string[] = ['ERR-1'];
