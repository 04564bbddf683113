// Which (adapter, mode) runs a command makes. `both` judges each adapter in every mode it has:
// model runs first (fast, no database), then live runs grouped by database so each database is
// started once and its runs follow each other; fork runs, on PostgreSQL, last.
import type { LiveDatabase } from '../adapter/Adapter.ts';
import { DEFAULT_RUNS_ON } from '../adapter/Adapter.ts';
import type { LoadedAdapter } from '../adapter/loadAdapter.ts';
import type { Mode, ModeChoice } from '../options/resolveRunOptions.ts';
import { hasForkForm, modeFor } from '../runner/modeFor.ts';

export type ModeFlag = ModeChoice | 'both';

export interface Plan {
  readonly one: LoadedAdapter;
  readonly mode: Mode;
}

/** Live databases in the order `both` visits them: the one every machine can start first. */
const databaseOrder: readonly LiveDatabase[] = ['postgres', 'sqlite', 'mysql'];

export function planRuns(loaded: readonly LoadedAdapter[], mode: ModeFlag): Plan[] {
  // `--all --mode fork`: the adapters that have a fork form; a named one without it is a usage error.
  if (mode === 'fork' && loaded.length > 1) return loaded.filter((one) => hasForkForm(one.adapter)).map((one) => ({ one, mode }));
  // An adapter that cannot start here (no Python) is reported skipped in the mode asked for: its
  // placeholder descriptor cannot say which modes it has.
  if (mode !== 'both') return loaded.map((one) => ({ one, mode: one.unavailable !== undefined && mode !== 'auto' ? mode : modeFor(one.adapter, mode) }));
  const runsOn = (one: LoadedAdapter) => one.adapter.runsOn ?? DEFAULT_RUNS_ON;
  const model = loaded.filter((one) => runsOn(one).model).map((one) => ({ one, mode: 'model' as const }));
  const live = databaseOrder.flatMap((db) => loaded.filter((one) => runsOn(one).live === db).map((one) => ({ one, mode: 'live' as const })));
  const fork = loaded.filter((one) => hasForkForm(one.adapter)).map((one) => ({ one, mode: 'fork' as const }));
  return [...model, ...live, ...fork];
}
