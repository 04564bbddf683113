// Which mode an adapter runs in: the one asked for, or with `auto` model mode where the adapter
// has a model form (exact replays, thousands of workloads a second) and live mode otherwise.
import { DEFAULT_RUNS_ON, type Adapter, type LiveDatabase } from '../adapter/Adapter.ts';
import { PoolcheckError } from '../errors.ts';
import type { Mode, ModeChoice } from '../options/resolveRunOptions.ts';

export function modeFor(adapter: Adapter, choice: ModeChoice): Mode {
  const runsOn = adapter.runsOn ?? DEFAULT_RUNS_ON;
  if (choice === 'auto') return runsOn.model ? 'model' : 'live';
  if (choice === 'model' && !runsOn.model) {
    throw new PoolcheckError('POOLCHECK_USAGE', `adapter ${adapter.name} has no model form (its pool opens its own connections to a real server): run it with --mode live`);
  }
  if (choice === 'live' && runsOn.live === null) {
    throw new PoolcheckError('POOLCHECK_USAGE', `adapter ${adapter.name} has no live form: run it with --mode model`);
  }
  if (choice === 'fork' && !hasForkForm(adapter)) {
    throw new PoolcheckError('POOLCHECK_USAGE', `adapter ${adapter.name} has no fork form (it does not declare \`capabilities.fork\`, or runs on ${runsOn.live ?? 'no database'}, not PostgreSQL): run it with --mode live`);
  }
  return choice;
}

/** Fork mode judges adapters that declare how their pool behaves across processes, on PostgreSQL. */
export function hasForkForm(adapter: Adapter): boolean {
  return adapter.capabilities.fork !== null && (adapter.runsOn ?? DEFAULT_RUNS_ON).live === 'postgres';
}

/** The database live mode runs the adapter on. */
export function liveDatabaseOf(adapter: Adapter): LiveDatabase {
  return (adapter.runsOn ?? DEFAULT_RUNS_ON).live ?? 'postgres';
}
