import type { AdapterReport } from '../runner/AdapterReport.ts';

/** The one command that replays a failure exactly. */
export function replayCommand(report: Pick<AdapterReport, 'spec'>, rule: string, seed: number, path: string): string {
  const quote = (s: string) => (/^[\w./@:-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  return `npx poolcheck run --adapter ${quote(report.spec)} --rules ${rule} --seed ${seed} --path ${path}`;
}
