// A connection as the adapter contract shows it (spec/adapter-contract.md), in every mode, and the
// errors its connects and queries fail with.

export interface Connection {
  /** Server-side identity: `c1`, `c2`, ... in the order connects were started. */
  readonly id: string;
  /** Not yet closed by the pool. */
  readonly open: boolean;
  /** Open and not killed by the server. */
  readonly alive: boolean;
  query(sql: unknown): Promise<unknown>;
  /**
   * An asynchronous check of the session, for pools that validate before handing a connection
   * out (generic-pool's testOnBorrow with an async `validate`): resolves true when the session
   * answers, false when it is closed or the server killed it; never rejects. It takes the
   * workload's validation latency (`pingMs`) in model mode, and a real `select 1` after that
   * latency in live mode.
   */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** The error a failed connect rejects with; ERR-1 checks that the borrower gets it. */
export class ConnectError extends Error {
  override name = 'ConnectError';
  readonly code = 'POOLCHECK_CONNECT_REFUSED';
}

export class QueryError extends Error {
  override name = 'QueryError';
}

/**
 * What a driver does with arguments it cannot send: it throws synchronously. Workloads ask for it
 * with `undefined` (bad arguments) and `'throw'` (a synchronous driver failure); every backend
 * keeps this contract so QUERY-1's paths are the same in model and live mode.
 */
export function checkQueryText(sql: unknown): asserts sql is string {
  if (typeof sql !== 'string') throw new TypeError(`query text must be a string, got ${typeof sql}`);
  if (sql === 'throw') throw new QueryError('synchronous driver failure');
}
