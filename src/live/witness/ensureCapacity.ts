// Refuses a run that the server could not hold. A pool that cannot open a connection because
// the server is full fails ERR-1 or BOUND-3 for a reason that is not the pool's: a false verdict.
// Checking before the run turns that into a clear environment error.
import { PoolcheckError } from '../../errors.ts';
import type { Witness } from './Witness.ts';

/** Throws POOLCHECK_ENVIRONMENT unless `needed` more connections fit under the server's limit. */
export async function ensureCapacity(witness: Pick<Witness, 'server' | 'maxConnections' | 'usedConnections'>, needed: number): Promise<void> {
  const [max, used] = await Promise.all([witness.maxConnections(), witness.usedConnections()]);
  if (used + needed > max) {
    throw new PoolcheckError(
      'POOLCHECK_ENVIRONMENT',
      `${witness.server} accepts ${max} connections and ${used} are open (poolcheck's witness included); ` +
        `this run needs ${needed} more. Lower the pool size, close other clients, or raise max_connections`,
    );
  }
}
