import { builtInAdapters, loadAdapter, type LoadedAdapter } from '../adapter/loadAdapter.ts';
import { parseDbFlag } from '../live/database/index.ts';
import { LiveDatabases } from '../live/LiveDatabases.ts';
import { PoolcheckError } from '../errors.ts';
import { resolveRunOptions, type Mode, type RunOptions } from '../options/resolveRunOptions.ts';
import { fileReporter } from '../reports/fileReporter.ts';
import { combineReporters, type Reporter } from '../reports/Reporter.ts';
import { textReporter } from '../reports/textReporter.ts';
import type { AdapterReport } from '../runner/AdapterReport.ts';
import { judgeAdapter } from '../runner/judgeAdapter.ts';
import { liveDatabaseOf, modeFor } from '../runner/modeFor.ts';

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

interface Plan {
  readonly one: LoadedAdapter;
  readonly mode: Mode;
}

/** Each adapter in its mode, in the order given; live ones on their kind of database. */
async function judgeAll(plans: readonly Plan[], options: RunOptions, reporter: Reporter, db: string | undefined): Promise<AdapterReport[]> {
  const databases = new LiveDatabases(db === undefined ? {} : parseDbFlag(db));
  const reports: AdapterReport[] = [];
  try {
    for (const { one, mode } of plans) {
      if (mode === 'model') {
        reports.push(await judgeAdapter(one, options, reporter));
        continue;
      }
      const session = await databases.open(liveDatabaseOf(one.adapter));
      try {
        reports.push(await judgeAdapter(one, options, reporter, session));
      } finally {
        if ('runner' in session) await session.runner.close();
      }
    }
  } finally {
    await databases.stop();
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
  if (options.path !== null && (flags.seed === undefined || options.rules.length !== 1)) {
    throw new PoolcheckError('POOLCHECK_USAGE', '--path replays one failure: give it with --seed and exactly one rule in --rules');
  }
  // Load every adapter first: a bad one stops the run before anything is judged.
  const loaded = [];
  for (const spec of specs) loaded.push(await loadAdapter(spec));
  const plans = loaded.map((one) => ({ one, mode: modeFor(one.adapter, options.mode) }));
  if (flags.db !== undefined && !plans.some((p) => p.mode === 'live')) {
    throw new PoolcheckError('POOLCHECK_USAGE', '--db chooses the database of live mode: add --mode live');
  }
  const write = (s: string) => process.stdout.write(s);
  const reporter = combineReporters([
    textReporter(write),
    ...(options.reportDir ? [fileReporter(options.reportDir, loaded.length > 1, (line) => write(line + '\n'))] : []),
  ]);
  const reports = await judgeAll(plans, options, reporter, flags.db);
  await reporter.onRunEnd(reports);
  const bad = reports.some((r) => r.verdicts.some((v) => v.status === 'failed' || v.status === 'errored'));
  return bad && !flags.exitZero ? 1 : 0;
}
