// Bug: validation stops the acquire's clock. Once an idle connection is found for a waiter, its
// acquire timer is cleared while the connection is pinged, as if the waiter were served already;
// a ping slower than what was left of the timeout serves the waiter after its deadline. Only a
// validation that takes time of its own reaches it (a ping that answers at once leaves no time in
// between). Caught by TIME-1 (served late).
import type { PingedConnection, PingWaiter } from './PingPool.ts';
import { PingPool } from './PingPool.ts';
import { brokenAdapter } from './brokenAdapter.ts';

class PingStopsTheClock<C extends PingedConnection> extends PingPool<C> {
  protected override validate(conn: C, waiter: PingWaiter<C>): void {
    // BUG: the deadline no longer applies while the ping runs (nor after, if it fails).
    if (waiter.timer !== null) clearTimeout(waiter.timer);
    waiter.timer = null;
    super.validate(conn, waiter);
  }
}

export const adapter = brokenAdapter('ping-stops-the-clock', PingStopsTheClock, { asyncValidation: true, fifo: null });
export const breaks: string[] = ['TIME-1'];
