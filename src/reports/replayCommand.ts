import type { AdapterReport } from '../runner/AdapterReport.ts';

/**
 * The one command that replays a failure exactly. `db`: the `--db` value the run was given, as
 * printable (a URL with its password replaced by `***`); absent, the replay finds its database
 * the way the run did (the environment's URL, a container, embedded PostgreSQL).
 */
export function replayCommand(report: Pick<AdapterReport, 'spec'> & Partial<Pick<AdapterReport, 'mode'>>, rule: string, seed: number, path: string, db?: string): string {
  const quote = (s: string) => (/^[\w./@:-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  // Live and fork mode replay the same workload; real time decides whether it fails the same way again.
  const mode = report.mode === 'live' || report.mode === 'fork' ? ` --mode ${report.mode}` : '';
  const database = mode !== '' && db !== undefined ? ` --db ${quote(db)}` : '';
  return `npx poolcheck run --adapter ${quote(report.spec)}${mode}${database} --rules ${rule} --seed ${seed} --path ${path}`;
}
