import { builtInAdapters, loadAdapter } from '../adapter/loadAdapter.ts';
import { PoolcheckError } from '../errors.ts';
import { resolveRunOptions } from '../options/resolveRunOptions.ts';
import { fileReporter } from '../reports/fileReporter.ts';
import { combineReporters } from '../reports/Reporter.ts';
import { textReporter } from '../reports/textReporter.ts';
import type { AdapterReport } from '../runner/AdapterReport.ts';
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
}

export async function runCommand(flags: RunFlags): Promise<number> {
  const specs = flags.all ? Object.keys(builtInAdapters) : flags.adapter;
  if (specs.length === 0) throw new PoolcheckError('POOLCHECK_USAGE', 'Expected --adapter <name|path> or --all: `poolcheck run --adapter reference`');
  if (flags.runs !== undefined && !/^[1-9]\d*$/.test(flags.runs)) {
    throw new PoolcheckError('POOLCHECK_USAGE', `Expected --runs to be a positive integer, got \`${flags.runs}\``);
  }
  const options = resolveRunOptions({
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
  const write = (s: string) => process.stdout.write(s);
  const reporter = combineReporters([
    textReporter(write),
    ...(options.reportDir ? [fileReporter(options.reportDir, loaded.length > 1, (line) => write(line + '\n'))] : []),
  ]);
  const reports: AdapterReport[] = [];
  for (const one of loaded) reports.push(await judgeAdapter(one, options, reporter));
  await reporter.onRunEnd(reports);
  const bad = reports.some((r) => r.verdicts.some((v) => v.status === 'failed' || v.status === 'errored'));
  return bad && !flags.exitZero ? 1 : 0;
}
