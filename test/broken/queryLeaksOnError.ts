// Bug: the query helper does not release on a query error. It releases only after a query that
// succeeded, so every failing query leaks its connection. Caught by QUERY-1.
import type { PooledConnection } from '../../adapters/reference/ReferencePool.ts';
import { BasePool } from './BasePool.ts';
import { brokenAdapter } from './brokenAdapter.ts';

class QueryLeaksOnError<C extends PooledConnection> extends BasePool<C> {
  override async query(sql: unknown): Promise<unknown> {
    const lease = await this.acquire();
    const result = await lease.conn.query(sql); // BUG: no try/finally
    this.release(lease);
    return result;
  }
}

export const adapter = brokenAdapter('query-leaks-on-error', QueryLeaksOnError);
export const breaks: string[] = ['QUERY-1'];
