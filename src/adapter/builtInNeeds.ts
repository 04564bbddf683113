// What each built-in adapter needs from the user's project. The pools poolcheck judges are never
// its own dependencies (optional peer dependencies in package.json): a built-in adapter judges the
// version the project installed, and where the project has none it is reported skipped with the
// one command that installs it. `runsOn` is the adapter's own, for the modes its skipped rows are
// reported in; test/adapters.test.ts keeps both in step with the adapters.
import { DEFAULT_RUNS_ON, type RunsOn } from './Adapter.ts';

export interface BuiltInNeeds {
  /** What `npm install --save-dev` needs for the adapter: the pool first, then what its live mode adds (mysql2 is the MySQL witness's driver). */
  readonly packages: readonly string[];
  readonly runsOn: RunsOn;
}

export const builtInNeeds: Readonly<Record<string, BuiltInNeeds>> = {
  reference: { packages: [], runsOn: DEFAULT_RUNS_ON },
  'generic-pool': { packages: ['generic-pool'], runsOn: DEFAULT_RUNS_ON },
  tarn: { packages: ['tarn'], runsOn: DEFAULT_RUNS_ON },
  'pg-pool': { packages: ['pg-pool', 'pg'], runsOn: DEFAULT_RUNS_ON },
  mysql2: { packages: ['mysql2'], runsOn: { model: false, live: 'mysql' } },
  mariadb: { packages: ['mariadb', 'mysql2'], runsOn: { model: false, live: 'mysql' } },
  sqlite: { packages: ['tarn', 'better-sqlite3'], runsOn: { model: false, live: 'sqlite' } },
};

/** The one command that installs what a built-in adapter needs. */
export function installHint(name: string): string {
  return `npm install --save-dev ${(builtInNeeds[name]?.packages ?? []).join(' ')}`;
}
