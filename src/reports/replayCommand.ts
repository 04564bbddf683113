import type { AdapterReport } from '../runner/AdapterReport.ts';

/** The one command that replays a failure exactly. */
export function replayCommand(report: Pick<AdapterReport, 'spec'> & Partial<Pick<AdapterReport, 'mode'>>, rule: string, seed: number, path: string): string {
  const quote = (s: string) => (/^[\w./@:-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  // Live and fork mode replay the same workload; real time decides whether it fails the same way again.
  const mode = report.mode === 'live' || report.mode === 'fork' ? ` --mode ${report.mode}` : '';
  return `npx poolcheck run --adapter ${quote(report.spec)}${mode} --rules ${rule} --seed ${seed} --path ${path}`;
}
