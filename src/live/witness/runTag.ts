// The tag that marks a run's sessions on the server. The run id goes into a PostgreSQL
// application_name (63 bytes at most) and a MySQL user name (32 characters at most in MySQL,
// with `poolcheck_` in front), so it is kept short and free of characters that need quoting.
import { PoolcheckError, describeValue } from '../../errors.ts';

const RUN_ID = /^[A-Za-z0-9_-]{1,22}$/;

/**
 * `poolcheck:<runId>` for the connections a pool opens, `poolcheck-admin:<runId>` for the
 * witness's own. The two never compare equal, so the witness never counts or kills itself.
 */
export function runTag(runId: string, role: 'pool' | 'admin' = 'pool'): string {
  if (typeof runId !== 'string' || !RUN_ID.test(runId)) {
    throw new PoolcheckError(
      'POOLCHECK_USAGE',
      `Expected a run id of 1 to 22 letters, digits, '-' or '_', got ${describeValue(runId)}`,
    );
  }
  return `${role === 'pool' ? 'poolcheck' : 'poolcheck-admin'}:${runId}`;
}
