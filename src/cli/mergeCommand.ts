// `poolcheck merge DIR... --out DIR`: the report directories of a command's shards (each run with
// `--shard i/n --report-dir DIR`) into the report directory the unsharded command writes. It reads
// every report.json back (readJsonReport), checks that the shards are one command's and that each
// is there exactly once, puts each (adapter, mode)'s verdicts together in catalogue order, and
// hands the result to the same writers a run calls at its end (reportWriters). Wall-clock times
// stay as the shards measured them: a rule's `ms` as judged, a run's `ms` the sum over its shards.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PoolcheckError } from '../errors.ts';
import { exitCode } from './exitCode.ts';
import { combineReporters } from '../reports/Reporter.ts';
import { readJsonReport } from '../reports/readJsonReport.ts';
import { reportWriters } from '../reports/reportWriters.ts';
import { textReporter } from '../reports/textReporter.ts';
import type { AdapterReport, ShardPart } from '../runner/AdapterReport.ts';
import { rules } from '../spec/rules.ts';

export interface MergeFlags {
  out: string;
  exitZero?: boolean;
  allowSkipped?: boolean;
}

interface ShardReport {
  readonly file: string;
  /** Whether the shard wrote it into `<adapter>/<mode>/` (a command that plans several runs). */
  readonly nested: boolean;
  readonly report: AdapterReport & { readonly shard: ShardPart };
}

const usage = (message: string) => new PoolcheckError('POOLCHECK_USAGE', message);

/** A shard's report.json files: `DIR/report.json`, or `DIR/<adapter>/<mode>/report.json`. */
function reportFiles(dir: string): { file: string; nested: boolean }[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw usage(`${dir} is not a directory: give the --report-dir of each shard`);
  if (existsSync(join(dir, 'report.json'))) return [{ file: join(dir, 'report.json'), nested: false }];
  const subdirs = (d: string) => readdirSync(d, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(d, e.name)).sort();
  const files = subdirs(dir).flatMap((a) => subdirs(a).map((m) => join(m, 'report.json'))).filter((f) => existsSync(f));
  if (files.length === 0) throw usage(`no report.json in ${dir}: give the --report-dir of each shard (\`poolcheck run --shard i/n --report-dir DIR\`)`);
  return files.map((file) => ({ file, nested: true }));
}

function readShard({ file, nested }: { file: string; nested: boolean }): ShardReport {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw usage(`${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const report = readJsonReport(doc, file);
  if (!report.shard) throw usage(`${file} is not a shard's report: merge the reports of \`poolcheck run --shard i/n\``);
  return { file, nested, report: { ...report, shard: report.shard } };
}

/** The shards must be one command's: one seed, profile, workloads per rule, shard count, item count, layout. */
function checkSameCommand(shards: readonly ShardReport[]): void {
  const [first] = shards;
  const fields: [string, (s: ShardReport) => unknown][] = [
    ['seeds', (s) => s.report.seed],
    ['profiles', (s) => s.report.profile],
    ['shard counts', (s) => s.report.shard.count],
    ['item counts (different adapters, modes or --rules)', (s) => s.report.shard.items],
    ['layouts (one run or several)', (s) => s.nested],
  ];
  for (const [what, of] of fields) {
    const other = shards.find((s) => of(s) !== of(first!));
    if (other) throw usage(`cannot merge shards of different commands: different ${what}, ${String(of(first!))} in ${first!.file} and ${String(of(other))} in ${other.file}`);
  }
  // Workloads per rule differ between modes of one command (a profile's live count is smaller).
  for (const one of shards) {
    const other = shards.find((s) => s.report.mode === one.report.mode && s.report.numRuns !== one.report.numRuns);
    if (other) throw usage(`cannot merge shards of different commands: different workloads per rule (--runs) in ${one.report.mode} mode, ${one.report.numRuns} in ${one.file} and ${other.report.numRuns} in ${other.file}`);
  }
}

/** Every shard there, each item judged once, and the items add up to the command's. */
function checkComplete(shards: readonly ShardReport[]): void {
  const { count, items } = shards[0]!.report.shard;
  const seen = new Map<string, string>();
  for (const { file, report } of shards) {
    for (const v of report.verdicts) {
      const key = `${v.rule} of ${report.adapter} (${report.mode}, run ${report.shard.position + 1} of the plan)`;
      const before = seen.get(key);
      if (before !== undefined) throw usage(`overlapping shards: ${key} is in ${before} and in ${file}`);
      seen.set(key, file);
    }
  }
  const present = new Set(shards.map((s) => s.report.shard.index));
  const missing = Array.from({ length: count }, (_, k) => k + 1).filter((i) => !present.has(i));
  if (missing.length > 0) throw usage(`shard ${missing.map((i) => `${i}/${count}`).join(', ')} missing: merge needs the report directories of all ${count} shards`);
  if (seen.size !== items) throw usage(`the shards hold ${seen.size} of the command's ${items} items: a shard's report directory is incomplete`);
}

/** One report per (adapter, mode) run of the plan, in plan order, its verdicts in catalogue order. */
function mergeRuns(shards: readonly ShardReport[]): AdapterReport[] {
  const byRun = new Map<number, ShardReport['report'][]>();
  for (const { report } of shards) byRun.set(report.shard.position, [...(byRun.get(report.shard.position) ?? []), report]);
  const order = new Map(rules.map((r, k) => [r.id, k]));
  return [...byRun.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, parts]) => {
      const sorted = [...parts].sort((a, b) => a.shard.index - b.shard.index);
      // What the run says about itself (live mode: the database and tolerances) is the lowest shard's.
      const { shard: _shard, ...head } = sorted[0]!;
      const verdicts = sorted.flatMap((p) => p.verdicts).sort((a, b) => order.get(a.rule)! - order.get(b.rule)!);
      return { ...head, verdicts, ms: sorted.reduce((sum, p) => sum + p.ms, 0) };
    });
}

export async function mergeCommand(dirs: readonly string[], flags: MergeFlags): Promise<number> {
  const out = resolve(flags.out);
  const clash = dirs.find((d) => resolve(d) === out);
  if (clash !== undefined) throw usage(`--out ${flags.out} is one of the shards' directories: write the merged reports elsewhere`);
  const files = dirs.flatMap(reportFiles);
  const twice = files.find((f, k) => files.findIndex((g) => resolve(g.file) === resolve(f.file)) !== k);
  if (twice) throw usage(`${twice.file} is given twice: give each shard's directory once`);
  const shards = files.map(readShard);
  checkSameCommand(shards);
  checkComplete(shards);
  const reports = mergeRuns(shards);
  const write = (s: string) => process.stdout.write(s);
  // The terminal's account of each run first (its failures with their replays, its levels), then where its files went.
  const writers = combineReporters([textReporter(write), ...reportWriters(flags.out, shards[0]!.nested, (line) => write(line + '\n'))]);
  for (const report of reports) await writers.onAdapterEnd(report);
  await writers.onRunEnd(reports);
  write(`merged ${shards.length} reports of ${shards[0]!.report.shard.count} shards into ${flags.out}\n`);
  // The exit code the unsharded run would have had.
  const exit = exitCode(reports, flags);
  for (const line of exit.lines) process.stderr.write(line + '\n');
  return exit.code;
}
