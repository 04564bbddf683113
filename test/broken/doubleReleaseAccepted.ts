// Bug: double release accepted. release() checks that the connection is leased, not that this
// lease is still active, so a second release of the same lease, once the connection has gone to
// the next borrower, takes it away from that borrower and hands it out again. Caught by EXCL-2.
import type { Lease, PooledConnection } from '../../adapters/reference/ReferencePool.ts';
import { BasePool } from './BasePool.ts';
import { brokenAdapter } from './brokenAdapter.ts';

class DoubleReleaseAccepted<C extends PooledConnection> extends BasePool<C> {
  protected override checkOut(lease: Lease<C>, what: string): void {
    // BUG: judges by the connection's identity; the reference pool also asks `lease.active`.
    if (!this.leased.delete(lease.conn)) throw new Error(`${what}() of a connection that is not leased`);
    lease.active = false;
  }
}

export const adapter = brokenAdapter('double-release-accepted', DoubleReleaseAccepted);
export const breaks: string[] = ['EXCL-2'];
