// `--db` for the runs of a plan: it picks the database of its kind (a mysql:// URL, MySQL; a
// postgres:// URL or `embedded`, PostgreSQL; `testcontainers`, both). With several adapters the
// others keep their defaults; but a `--db` that no live or fork run of the plan can use is a
// usage error, before anything starts: silently starting another database instead would judge
// the pool somewhere the user did not ask for. Never echoes a URL (it may hold a password).
import type { LiveDatabase } from '../adapter/Adapter.ts';
import { PoolcheckError } from '../errors.ts';
import { parseDbFlag, type DbSelection } from '../live/database/index.ts';
import { liveDatabaseOf } from '../runner/modeFor.ts';
import type { Plan } from './planRuns.ts';

const product: Record<LiveDatabase, string> = { postgres: 'PostgreSQL', mysql: 'MySQL/MariaDB', sqlite: 'SQLite' };

export function dbSelectionFor(db: string, plans: readonly Plan[]): DbSelection {
  const selection = parseDbFlag(db);
  const live = plans.filter((p) => p.mode === 'live' || p.mode === 'fork');
  if (live.length === 0) throw new PoolcheckError('POOLCHECK_USAGE', '--db chooses the database of live mode: add --mode live');
  const kinds = live.map((p) => liveDatabaseOf(p.one.adapter));
  const usable = (Object.keys(selection) as LiveDatabase[]).filter((k) => selection[k as keyof DbSelection] !== undefined);
  if (kinds.some((k) => usable.includes(k))) return selection;
  const what = describeDb(db.trim(), usable);
  const names = [...new Set(live.map((p) => p.one.adapter.name))];
  const used = [...new Set(kinds)].map((k) => product[k]).join(' and ');
  const who = names.length === 1 ? `adapter ${names[0]} runs on ${used}` : `the adapters of this run use ${used}`;
  throw new PoolcheckError('POOLCHECK_USAGE', `--db ${what}, but ${who}: leave --db out, or give one of that kind`);
}

function describeDb(value: string, kinds: readonly LiveDatabase[]): string {
  const of = kinds.map((k) => product[k]).join(' or ');
  if (value === 'embedded' || value === 'testcontainers') return `${value} starts ${of}`;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value)?.[1]?.toLowerCase() ?? '';
  return `gives a ${scheme}:// URL (${of})`;
}
