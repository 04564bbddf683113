// The paragraph above the results table: what was run, where and when, from the results file.
import type { ReportDoc, ResultsFile } from './ResultsFile.ts';

const provisions: Readonly<Record<string, string>> = { embedded: 'embedded', url: 'given by URL', testcontainers: 'in a container' };

const minutes = (ms: number) => (ms < 60_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`);

/** `100 workloads per rule` per mode, e.g. `{ model: 100, live: 3 }` (the first report of each mode). */
function runsPerMode(reports: readonly ReportDoc[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of reports) if (!out.has(r.run.mode)) out.set(r.run.mode, r.run.numRuns);
  return out;
}

export function runDescription(file: ResultsFile): string {
  const where = file.databases.map((d) => `${d.serverVersion} (${provisions[d.provision] ?? d.provision})`);
  const dbs = where.length === 0 ? 'no database' : where.length === 1 ? where[0]! : `${where.slice(0, -1).join(', ')} and ${where.at(-1)!}`;
  const runs = runsPerMode(file.reports);
  const model = runs.get('model');
  const live = runs.get('live');
  const depth =
    model !== undefined && live !== undefined
      ? ` Model mode explores ${model} workloads per rule and replays exactly; live mode ${live}, so a live ✓ says less than a model ✓, and a live finding shows in some runs and not in others.`
      : '';
  return (
    `\`npm run results\` ran \`${file.command}\` on ${file.startedAt.slice(0, 10)} (Node ${file.node}, ${file.machine}, ${minutes(file.ms)} in all; ` +
    `live mode on ${dbs}); \`npm start\` prints the same matrix at a random seed.${depth}`
  );
}
