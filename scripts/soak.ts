// npm run soak -- --runs N [--adapter NAME ...] [--db URL|embedded ...] [--mode live|fork]: repeats
// the live (or fork) run a user makes (`poolcheck run --mode live --profile quick`, a fresh random
// seed each time) of every
// built-in adapter, or of those named, and counts each rule's outcomes over the runs. A failure is
// a finding when results/explanations.md explains that rule for that pool (in either mode: a bug
// the model finds is the same bug live); any other failed or errored verdict is a false verdict
// of ours, and the script exits 1. Findings that show in some runs and not others get their rate.
//
// Live mode runs on an embedded PostgreSQL (unless --db says otherwise, or adapters are named:
// then PostgreSQL comes as for any run), on SQLite, and on
// MySQL/MariaDB when POOLCHECK_MYSQL_URL (or a --db mysql:// URL) names one. The reports of a
// run with a false verdict are kept, and their directory printed, for the whole history.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { allBuiltInNames } from '../src/adapter/loadAdapter.ts';
import { collectReports } from '../src/results/collectReports.ts';
import { committedResults } from '../src/results/committedResults.ts';
import { NOT_IN_FORK_MODE, NOT_SELECTED } from '../src/reports/jsonReport.ts';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, adapter: { type: 'string', multiple: true }, db: { type: 'string', multiple: true }, mode: { type: 'string', default: 'live' } },
});
const mode = values.mode;
if (mode !== 'live' && mode !== 'fork') {
  console.error(`soak: expected --mode to be live or fork, got ${mode}`);
  process.exit(2);
}
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`soak: expected --runs to be a positive integer, got ${values.runs}`);
  process.exit(2);
}
const unknown = (values.adapter ?? []).filter((a) => !allBuiltInNames.includes(a));
if (unknown.length > 0) {
  console.error(`soak: not a built-in adapter: ${unknown.join(', ')} (built in: ${allBuiltInNames.join(', ')})`);
  process.exit(2);
}

const root = fileURLToPath(new URL('../', import.meta.url));
const which = values.adapter?.length ? values.adapter.flatMap((a) => ['--adapter', a]) : ['--all'];
// `--db embedded` by default where it has a use: a --db no adapter of the run can use is a usage
// error (`--adapter mysql2` alone); named adapters otherwise get their databases as a user's run would.
const defaultDbs = !values.adapter?.length || mode === 'fork' ? ['embedded'] : [];
const dbs = (values.db?.length ? values.db : defaultDbs).flatMap((d) => ['--db', d]);
/** `<adapter> <rule>` of every explained finding, whichever mode it was found in. */
const findings = new Set(committedResults().explanations.flatMap((e) => e.keys.map((k) => k.replace(/ \S+ /, ' '))));

type Tally = Record<string, number>;
const tallies = new Map<string, Tally>();
/** Why a rule was skipped, the first time it was. */
const reasons = new Map<string, string>();
let falseVerdicts = 0;
const dir = mkdtempSync(join(tmpdir(), 'poolcheck-soak-'));
console.log(`soak: ${runs} ${mode} run(s) of ${values.adapter?.join(', ') ?? 'every built-in adapter'}; the CLI's output goes to ${dir}/run-N.log`);

for (let run = 1; run <= runs; run++) {
  const seed = (Math.random() * 2 ** 31) | 0;
  const reportDir = join(dir, `run-${run}`);
  const args = ['run', ...which, '--mode', mode, '--profile', 'quick', '--seed', String(seed), ...dbs, '--report-dir', reportDir, '--exit-zero', '--allow-skipped'];
  const started = Date.now();
  const code = await cli(args, join(dir, `run-${run}.log`));
  if (code !== 0) {
    console.error(`soak: run ${run}: poolcheck ${args.join(' ')} exited with ${code}; see ${dir}/run-${run}.log`);
    process.exit(2);
  }
  const surprises: string[] = [];
  for (const report of collectReports(reportDir)) {
    for (const rule of report.rules) {
      // Rules the run did not set out to judge (fork mode's single-process rules) are no outcome.
      if (rule.status === 'skipped' && (rule.reason === NOT_SELECTED || rule.reason === NOT_IN_FORK_MODE)) continue;
      const key = `${report.adapter.spec} ${rule.id}`;
      const tally = tallies.get(key) ?? {};
      tally[rule.status] = (tally[rule.status] ?? 0) + 1;
      tallies.set(key, tally);
      if (rule.status === 'skipped' && rule.reason && !reasons.has(key)) reasons.set(key, rule.reason);
      if ((rule.status === 'failed' || rule.status === 'errored') && !findings.has(key)) {
        surprises.push(`${key} ${rule.status}: ${rule.violation?.message ?? rule.message ?? ''}`);
      }
    }
  }
  falseVerdicts += surprises.length;
  console.log(`  run ${run} (seed ${seed}, ${Math.round((Date.now() - started) / 1000)} s): ${surprises.length} false verdict(s)${surprises.length ? `; reports kept in ${reportDir}` : ''}`);
  for (const s of surprises) console.log(`    ${s}`);
  if (surprises.length === 0) rmSync(reportDir, { recursive: true, force: true });
}

console.log(`\nsoak: every rule that did not pass in all ${runs} run(s):`);
for (const [key, tally] of tallies) {
  const passed = tally['passed'] ?? 0;
  const notApplicable = tally['not-applicable'] ?? 0;
  if (passed + notApplicable === runs) continue;
  const counts = Object.entries(tally).map(([status, n]) => `${status} ${n}/${runs}`).join(', ');
  const bad = (tally['failed'] ?? 0) + (tally['errored'] ?? 0) > 0;
  const why = bad ? (findings.has(key) ? '  (a finding: results/explanations.md)' : '  (FALSE VERDICT)') : reasons.has(key) ? `  (${reasons.get(key)})` : '';
  console.log(`  ${key.padEnd(24)} ${counts}${why}`);
}
console.log(`\nsoak: ${falseVerdicts} false verdict(s) in ${runs} run(s)`);
process.exitCode = falseVerdicts === 0 ? 0 : 1;

/** Runs the CLI with its output to `log`; resolves its exit code. */
function cli(args: readonly string[], log: string): Promise<number> {
  const out = createWriteStream(log);
  const child = spawn(process.execPath, ['bin/poolcheck.js', ...args], { cwd: root, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(out, { end: false });
  child.stderr.pipe(out, { end: false });
  return new Promise((resolve) => child.on('close', (code) => out.end(() => resolve(code ?? 1))));
}
