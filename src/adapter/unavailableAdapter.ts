// What reports show of an adapter that cannot start here (a process adapter's missing
// interpreter, a built-in adapter whose pool package the user's project does not have): its
// name, where it would run, and no claims. Its every rule is reported skipped with the reason
// (LoadedAdapter.unavailable); none of its operations is ever called.
import type { Adapter, RunsOn } from './Adapter.ts';
import { PoolcheckError } from '../errors.ts';

export function unavailableAdapter<P, L>(name: string, runsOn: RunsOn): Adapter<P, L> {
  const never = (): never => {
    throw new PoolcheckError('POOLCHECK_ENVIRONMENT', `adapter ${name} cannot run here`);
  };
  return {
    contract: 2,
    name,
    pool: { name, version: 'not started' },
    capabilities: { acquireTimeout: null, perAcquireTimeout: false, fifo: null, retention: null, min: false, query: false, validation: false, fork: null, connectRetryMs: 0, wakeUpSlackMs: 0 },
    runsOn,
    create: never,
    acquire: never,
    connection: never,
    release: never,
    destroy: never,
    close: never,
    classifyError: () => 'other',
  };
}
