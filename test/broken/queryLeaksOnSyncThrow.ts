// Bug: the query helper does not release on a synchronous throw. It releases in the query
// promise's finally(), which a driver that throws before returning a promise (bad arguments)
// never reaches. Caught by QUERY-1.
import type { PooledConnection } from '../../adapters/reference/ReferencePool.ts';
import { BasePool } from './BasePool.ts';
import { brokenAdapter } from './brokenAdapter.ts';

class QueryLeaksOnSyncThrow<C extends PooledConnection> extends BasePool<C> {
  override async query(sql: unknown): Promise<unknown> {
    const lease = await this.acquire();
    return lease.conn.query(sql).finally(() => this.release(lease)); // BUG: a throw skips finally()
  }
}

export const adapter = brokenAdapter('query-leaks-on-sync-throw', QueryLeaksOnSyncThrow);
export const breaks: string[] = ['QUERY-1'];
