// npm run results: runs every built-in adapter in every mode it has at a pinned profile and seed,
// writes results/results.json (the report.json of each adapter and mode, plus how, where and
// when they were made) and regenerates the README's results block from it. Live mode runs on an
// embedded PostgreSQL, on SQLite, and on MySQL/MariaDB when POOLCHECK_MYSQL_URL is set (else
// those rows are skipped, and the file says so). The CLI's output goes to a log file; this
// prints a few lines. Exit 0 when the file was written, 2 when the run could not be made.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectReports } from '../src/results/collectReports.ts';
import { committedResults, resultsPath } from '../src/results/committedResults.ts';
import { databasesUsed } from '../src/results/databasesUsed.ts';
import { explanationProblems } from '../src/results/explanationProblems.ts';
import { failuresOf } from '../src/results/failuresOf.ts';
import { readmeWithResults } from '../src/results/readmeWithResults.ts';
import type { ResultsFile } from '../src/results/ResultsFile.ts';
import { withRulesTable } from '../src/spec/rulesTable.ts';
import { reportProblems } from '../test/e2e/reportSchema.ts';

const PROFILE = 'quick';
const SEED = 1;
const command = ['run', '--all', '--mode', 'both', '--profile', PROFILE, '--seed', String(SEED), '--db', 'embedded', '--exit-zero', '--allow-skipped'];

const root = fileURLToPath(new URL('../', import.meta.url));
if (process.argv.length > 2) {
  console.error(`results: takes no arguments (profile ${PROFILE} and seed ${SEED} are pinned), got \`${process.argv.slice(2).join(' ')}\``);
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'poolcheck-results-'));
const log = join(dir, 'poolcheck.log');
const mysql = process.env['POOLCHECK_MYSQL_URL'] ? 'MySQL/MariaDB from POOLCHECK_MYSQL_URL' : 'no POOLCHECK_MYSQL_URL: the mysql2 and mariadb rows will say skipped';
console.log(`results: poolcheck ${command.join(' ')} (${mysql}); its output goes to ${log}`);

const startedAt = new Date();
const out = createWriteStream(log);
const child = spawn(process.execPath, ['bin/poolcheck.js', ...command, '--report-dir', join(dir, 'reports')], {
  cwd: root,
  env: { ...process.env, NO_COLOR: '1' },
  stdio: ['ignore', 'pipe', 'pipe'],
  // Its own process group: a Ctrl-C reaches this script alone, which passes it on exactly once
  // (a second one would make the CLI force its cleanup).
  detached: true,
});
child.stdout.pipe(out, { end: false });
child.stderr.pipe(out, { end: false });
// The CLI stops its databases and exits on the signal; this waits for it.
let interrupted = false;
const onSignal = (signal: NodeJS.Signals) => {
  if (interrupted) return;
  interrupted = true;
  console.log('results: interrupted, waiting for poolcheck to clean up');
  child.kill(signal);
};
process.on('SIGINT', onSignal).on('SIGTERM', onSignal).on('SIGHUP', onSignal);
const code = await new Promise<number>((resolve) => child.on('close', (c, signal) => resolve(c ?? (signal ? 130 : 1))));
await new Promise<void>((resolve) => out.end(resolve));
const ms = Date.now() - startedAt.getTime();

if (interrupted) {
  rmSync(dir, { recursive: true, force: true });
  console.error('results: interrupted; results/results.json is unchanged');
  process.exit(130);
}
if (code !== 0) {
  const tail = readFileSync(log, 'utf8').trimEnd().split('\n').slice(-15);
  console.error(`results: poolcheck exited with ${code} after ${Math.round(ms / 1000)} s; results/results.json is unchanged. The end of ${log}:`);
  for (const line of tail) console.error(`  ${line}`);
  process.exit(2);
}

const reports = collectReports(join(dir, 'reports'));
const file: ResultsFile = {
  version: 1,
  command: `poolcheck ${command.join(' ')}`,
  profile: PROFILE,
  seed: SEED,
  node: process.version,
  machine: `${process.platform} ${process.arch}, ${cpus().length} CPUs`,
  databases: databasesUsed(reports),
  startedAt: startedAt.toISOString(),
  ms,
  reports,
};
writeFileSync(resultsPath, JSON.stringify(file, null, 2) + '\n');
rmSync(dir, { recursive: true, force: true });
const readme = join(root, 'README.md');
try {
  writeFileSync(readme, readmeWithResults(withRulesTable(readFileSync(readme, 'utf8'))));
} catch (error) {
  // results.json is written; the README follows with `npm run docs` once this is fixed.
  console.error(`results: wrote results/results.json, but not the README: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}

console.log(`results: ${reports.length} reports, ${failuresOf(file).length} failed verdicts, in ${Math.round(ms / 1000)} s; wrote results/results.json and the README's results block`);
for (const report of reports) {
  const problems = reportProblems(report);
  if (problems) console.log(`results: ${report.adapter.spec} ${report.run.mode}: report.json does not validate against spec/report.schema.json:\n${problems}`);
}
const { missing, stale } = explanationProblems(file, committedResults().explanations);
for (const key of missing) console.log(`results: explain ${key} in results/explanations.md (a failure with no explanation)`);
for (const key of stale) console.log(`results: ${key} in results/explanations.md names no failure now: remove or rename it`);
