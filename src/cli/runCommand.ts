import { builtInAdapters, loadAdapter, type LoadedAdapter } from '../adapter/loadAdapter.ts';
import { parseDbFlag, provisionPostgres } from '../live/database/index.ts';
import { LIVE_SCALE, openPgLiveRunner } from '../live/openPgLiveRunner.ts';
import { PoolcheckError } from '../errors.ts';
import { resolveRunOptions, type RunOptions } from '../options/resolveRunOptions.ts';
import { fileReporter } from '../reports/fileReporter.ts';
import { combineReporters, type Reporter } from '../reports/Reporter.ts';
import { textReporter } from '../reports/textReporter.ts';
import type { AdapterReport, LiveInfo } from '../runner/AdapterReport.ts';
import { judgeAdapter } from '../runner/judgeAdapter.ts';

export interface RunFlags {
  adapter: string[];
  all?: boolean;
  profile: string;
  mode: string;
  seed?: string;
  path?: string;
  rules?: string;
  runs?: string;
  reportDir?: string;
  exitZero?: boolean;
  db?: string;
}

async function judgeAll(loaded: readonly LoadedAdapter[], options: RunOptions, reporter: Reporter): Promise<AdapterReport[]> {
  const reports: AdapterReport[] = [];
  for (const one of loaded) reports.push(await judgeAdapter(one, options, reporter));
  return reports;
}

/** Live mode: one database for the whole run, a fresh runner (run id, witness) per adapter. */
async function judgeLive(loaded: readonly LoadedAdapter[], options: RunOptions, reporter: Reporter, db: string | undefined): Promise<AdapterReport[]> {
  const choice = db === undefined ? 'auto' : (parseDbFlag(db).postgres ?? 'auto');
  const database = await provisionPostgres(choice);
  const reports: AdapterReport[] = [];
  try {
    for (const one of loaded) {
      const runner = await openPgLiveRunner(database);
      const info: LiveInfo = {
        database: { url: database.safeUrl, serverVersion: database.serverVersion, provision: database.provision },
        tolerance: { ...runner.tolerance, scale: LIVE_SCALE, jitterMs: runner.jitterMs },
      };
      try {
        reports.push(await judgeAdapter(one, options, reporter, { runner, info }));
      } finally {
        await runner.close();
      }
    }
  } finally {
    await database.stop();
  }
  return reports;
}

export async function runCommand(flags: RunFlags): Promise<number> {
  const specs = flags.all ? Object.keys(builtInAdapters) : flags.adapter;
  if (specs.length === 0) throw new PoolcheckError('POOLCHECK_USAGE', 'Expected --adapter <name|path> or --all: `poolcheck run --adapter reference`');
  if (flags.runs !== undefined && !/^[1-9]\d*$/.test(flags.runs)) {
    throw new PoolcheckError('POOLCHECK_USAGE', `Expected --runs to be a positive integer, got \`${flags.runs}\``);
  }
  const options = resolveRunOptions({
    mode: flags.mode,
    profile: flags.profile,
    seed: flags.seed,
    path: flags.path,
    rules: flags.rules,
    reportDir: flags.reportDir,
    ...(flags.runs === undefined ? {} : { numRuns: Number(flags.runs) }),
  });
  if (flags.db !== undefined && options.mode !== 'live') {
    throw new PoolcheckError('POOLCHECK_USAGE', '--db chooses the database of live mode: add --mode live');
  }
  if (options.path !== null && (flags.seed === undefined || options.rules.length !== 1)) {
    throw new PoolcheckError('POOLCHECK_USAGE', '--path replays one failure: give it with --seed and exactly one rule in --rules');
  }
  // Load every adapter first: a bad one stops the run before anything is judged.
  const loaded = [];
  for (const spec of specs) loaded.push(await loadAdapter(spec));
  const write = (s: string) => process.stdout.write(s);
  const reporter = combineReporters([
    textReporter(write),
    ...(options.reportDir ? [fileReporter(options.reportDir, loaded.length > 1, (line) => write(line + '\n'))] : []),
  ]);
  const reports = options.mode === 'live' ? await judgeLive(loaded, options, reporter, flags.db) : await judgeAll(loaded, options, reporter);
  await reporter.onRunEnd(reports);
  const bad = reports.some((r) => r.verdicts.some((v) => v.status === 'failed' || v.status === 'errored'));
  return bad && !flags.exitZero ? 1 : 0;
}
