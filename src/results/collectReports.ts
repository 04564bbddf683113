// The report.json files a `--report-dir` run wrote, one per (adapter, mode) in
// `<dir>/<adapter>/<mode>/`, in the results file's order: model runs first, then live ones, then fork ones, each
// in the order of the built-in adapters (adapters given by path after them, by name).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allBuiltInNames } from '../adapter/loadAdapter.ts';
import type { ReportDoc } from './ResultsFile.ts';

const modeOrder = ['model', 'live', 'fork'];

export function collectReports(dir: string): ReportDoc[] {
  const reports: ReportDoc[] = [];
  for (const adapter of readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const mode of readdirSync(join(dir, adapter.name), { withFileTypes: true }).filter((d) => d.isDirectory())) {
      const file = join(dir, adapter.name, mode.name, 'report.json');
      if (existsSync(file)) reports.push(JSON.parse(readFileSync(file, 'utf8')) as ReportDoc);
    }
  }
  const builtIn = allBuiltInNames;
  const rank = (list: readonly string[], x: string) => (list.includes(x) ? list.indexOf(x) : list.length);
  return reports.sort(
    (a, b) =>
      rank(modeOrder, a.run.mode) - rank(modeOrder, b.run.mode) ||
      rank(builtIn, a.adapter.spec) - rank(builtIn, b.adapter.spec) ||
      a.adapter.spec.localeCompare(b.adapter.spec),
  );
}
