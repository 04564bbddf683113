import { allBuiltInNames, loadAdapter, type LoadedAdapter } from '../adapter/loadAdapter.ts';
import type { DbSelection } from '../live/database/index.ts';
import { LiveDatabases } from '../live/LiveDatabases.ts';
import { PoolcheckError } from '../errors.ts';
import { resolveRunOptions, type RunOptions } from '../options/resolveRunOptions.ts';
import { progressReporter, wantsProgress, type ProgressDisplay } from '../reports/progressReporter.ts';
import { combineReporters, type AdapterHead, type Reporter } from '../reports/Reporter.ts';
import { reportWriters } from '../reports/reportWriters.ts';
import { textReporter } from '../reports/textReporter.ts';
import type { AdapterReport, ShardPart } from '../runner/AdapterReport.ts';
import { judgeIsolated } from '../isolation/judgeIsolated.ts';
import { judgeAdapter } from '../runner/judgeAdapter.ts';
import { liveDatabaseOf } from '../runner/modeFor.ts';
import { dbSelectionFor } from './dbSelectionFor.ts';
import { exitCode } from './exitCode.ts';
import { planRuns, type Plan } from './planRuns.ts';
import { isForkModeRule } from '../../suites/forkSuites.ts';
import { parseShard, shareOf, type Shard } from './shard.ts';

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
  allowSkipped?: boolean;
  db?: string;
  shard?: string;
}

/**
 * The rules a run of the plan judges: fork mode judges the cross-process rules, and inside each
 * process the single-process rules its workloads give evidence for; the others are judged in
 * model and live mode.
 */
const rulesOf = (mode: Plan['mode'], options: RunOptions): readonly string[] => (mode === 'fork' ? options.rules.filter(isForkModeRule) : options.rules);

/** What each run of the plan judges, by position: its rules, and in a sharded run the shard it belongs to. */
interface PlannedRun {
  readonly rules: readonly string[];
  readonly shard: ShardPart | null;
}

function plannedRuns(plans: readonly Plan[], options: RunOptions, shard: Shard | null): PlannedRun[] {
  if (shard === null) return plans.map(({ mode }) => ({ rules: rulesOf(mode, options), shard: null }));
  const items = plans.flatMap(({ mode }, position) => rulesOf(mode, options).map((rule) => ({ position, rule })));
  const share = shareOf(items, shard);
  if (share.length === 0) {
    throw new PoolcheckError('POOLCHECK_USAGE', `--shard ${shard.index}/${shard.count} gets no work: this command has ${items.length} (adapter, mode, rule) items; use at most ${items.length} shards`);
  }
  return plans.map((_, position) => ({
    rules: share.filter((item) => item.position === position).map((item) => item.rule),
    shard: { ...shard, items: items.length, position },
  }));
}

/** Each adapter in its mode, in plan order; live ones on their kind of database. */
async function judgeAll(plans: readonly Plan[], runs: readonly PlannedRun[], options: RunOptions, reporter: Reporter, db: DbSelection, progress: ProgressDisplay | null): Promise<AdapterReport[]> {
  const databases = new LiveDatabases(db);
  const reports: AdapterReport[] = [];
  try {
    // Every run is judged in a worker thread that a pool spinning in a synchronous loop cannot
    // take down with it (src/isolation/); the databases stay with this thread, which stops them.
    for (const [position, { one, mode }] of plans.entries()) {
      const run = runs[position]!;
      // A shard's runs carry their share into every report (adapterHead).
      const judged = { ...options, rules: run.rules, ...(run.shard ? { shard: run.shard } : {}) };
      if (judged.rules.length === 0) continue;
      // An adapter that cannot start here (no Python) has every rule skipped, saying how to enable it.
      // Its report says the mode it was asked for: a run that judged nothing is named by it.
      if (one.unavailable !== undefined) {
        reports.push(await judgeAdapter(one, judged, reporter, mode === 'model' ? undefined : { skipped: one.unavailable, forkMode: mode === 'fork' }));
        continue;
      }
      if (mode === 'model') {
        reports.push(await judgeIsolated(one, judged, reporter));
        continue;
      }
      const kind = liveDatabaseOf(one.adapter);
      progress?.note(`${one.adapter.name} · ${mode} · opening ${kind}`);
      const database = await databases.address(kind);
      if ('skipped' in database) {
        reports.push(await judgeAdapter(one, judged, reporter, database));
        continue;
      }
      reports.push(await judgeIsolated(one, judged, reporter, { database, fork: mode === 'fork', ...(progress ? { onWorkload: () => progress.workloadDone() } : {}) }));
    }
  } finally {
    await databases.stop();
  }
  return reports;
}

export async function runCommand(flags: RunFlags): Promise<number> {
  const specs = flags.all ? [...allBuiltInNames] : flags.adapter;
  if (specs.length === 0) throw new PoolcheckError('POOLCHECK_USAGE', 'Expected --adapter <name|path> or --all: `poolcheck run --adapter reference`');
  if (flags.runs !== undefined && !/^[1-9]\d*$/.test(flags.runs)) {
    throw new PoolcheckError('POOLCHECK_USAGE', `Expected --runs to be a positive integer, got \`${flags.runs}\``);
  }
  const both = flags.mode === 'both';
  const options = resolveRunOptions({
    // `both` is a plan of several runs (planRuns); each run is in model or live mode.
    mode: both ? 'auto' : flags.mode,
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
  const shard = flags.shard === undefined ? null : parseShard(flags.shard);
  if (shard !== null && options.path !== null) throw new PoolcheckError('POOLCHECK_USAGE', '--path replays one failure: drop --shard');
  // A random seed per shard would judge each share with a different seed: no merge could be the unsharded run.
  if (shard !== null && flags.seed === undefined) throw new PoolcheckError('POOLCHECK_USAGE', '--shard needs --seed: every shard of a command must judge with the same seed (e.g. --seed $GITHUB_RUN_NUMBER)');
  if (options.path !== null && both) {
    throw new PoolcheckError('POOLCHECK_USAGE', '--path replays one failure in one mode: give --mode model or --mode live (as printed with the failure)');
  }
  // Load every adapter first: a bad one stops the run before anything is judged.
  const loaded: LoadedAdapter[] = [];
  for (const spec of specs) loaded.push(await loadAdapter(spec));
  // The main thread only plans with them: each worker loads its adapter anew.
  await Promise.all(loaded.map(async (one) => one.dispose?.()));
  const plans = planRuns(loaded, both ? 'both' : options.mode);
  if (plans.some((p) => p.mode === 'fork') && !both && !options.rules.some(isForkModeRule)) {
    throw new PoolcheckError('POOLCHECK_USAGE', 'fork mode judges FORK-1, FORK-2, and EXCL-1 and BOUND-1 in each process: name one of them in --rules, or use --mode live for the others');
  }
  if (plans.length === 0) throw new PoolcheckError('POOLCHECK_USAGE', 'no adapter here has a fork form (one that declares `capabilities.fork`, on PostgreSQL)');
  // A --db no run can use stops here, before any database starts.
  const db = flags.db === undefined ? {} : dbSelectionFor(flags.db, plans);
  const runs = plannedRuns(plans, options, shard);
  const rulesOfHead = (head: AdapterHead): readonly string[] => (head.shard ? runs[head.shard.position]!.rules : rulesOf(head.mode, options));
  const progress = wantsProgress() ? progressReporter({ write: (s) => process.stdout.write(s), rules: rulesOfHead }) : null;
  const write = progress ? progress.print : (s: string) => process.stdout.write(s);
  const log = (line: string) => write(line + '\n');
  // The progress display first: its status line is up to date before the lines printed under it.
  const reporter = combineReporters([
    ...(progress ? [progress] : []),
    textReporter(write),
    // Folders per run when the command plans several, in every shard alike: a shard's share may hold one.
    ...(options.reportDir ? reportWriters(options.reportDir, plans.length > 1, log) : []),
  ]);
  let reports: AdapterReport[];
  try {
    reports = await judgeAll(plans, runs, options, reporter, db, progress);
    // Every report is written before the exit code is decided: a run that judged nothing is a
    // verdict about the environment, found after the run, and its reports say why.
    await reporter.onRunEnd(reports);
  } finally {
    progress?.stop();
  }
  const exit = exitCode(reports, flags);
  for (const line of exit.lines) process.stderr.write(line + '\n');
  return exit.code;
}
