// The one command that replays a failure exactly: the adapter, the rule, fast-check's seed and
// path, and every flag the run was judged with that a replay needs to be the same run: the mode
// (live and fork; model is what `auto` picks for an adapter with a model form) and, for a live or
// fork run, the database (`--db`, see src/live/database/replayDbFlag.ts: never a password).
import type { AdapterReport } from '../runner/AdapterReport.ts';

/** What a replay needs to know of the run: AdapterReport has it; a report.json gives it back. */
export interface ReplayTarget {
  readonly spec: string;
  readonly mode?: AdapterReport['mode'];
  readonly live?: { readonly database: { readonly db?: string } };
}

export function replayCommand(report: ReplayTarget, rule: string, seed: number, path: string): string {
  const quote = (s: string) => (/^[\w./@:-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  // Live and fork mode replay the same workload; real time decides whether it fails the same way again.
  const live = report.mode === 'live' || report.mode === 'fork';
  const mode = live ? ` --mode ${report.mode}` : '';
  // Already one shell word, quoted where it needs to be.
  const db = live && report.live?.database.db !== undefined ? ` --db ${report.live.database.db}` : '';
  return `npx poolcheck run --adapter ${quote(report.spec)}${mode}${db} --rules ${rule} --seed ${seed} --path ${path}`;
}
