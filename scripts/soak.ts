// npm run soak -- --runs N [--db URL|embedded] [--target ADAPTER@DATABASE ...]: repeats live runs
// of pools that keep every rule they are judged by, on every database they can be judged on here,
// and counts the failures, each of which is a false verdict of ours. The target is 0 in 50 runs.
//
// The default targets: the reference pool and generic-pool on PostgreSQL, the reference pool on
// SQLite, and on MySQL/MariaDB when one is configured (POOLCHECK_MYSQL_URL or --db mysql://...).
// The reference pool takes its connections from poolcheck's factory, so it runs on any database.
// A rule a target's pool fails for real (a finding, results/explanations.md) is left out for it:
// its failures are the pool's, not false verdicts of ours.
import { parseArgs } from 'node:util';
import type { LiveDatabase } from '../src/adapter/Adapter.ts';
import { loadAdapter } from '../src/adapter/loadAdapter.ts';
import { parseDbFlag } from '../src/live/database/index.ts';
import { LiveDatabases } from '../src/live/LiveDatabases.ts';
import { liveProfileRuns } from '../src/options/resolveRunOptions.ts';
import { applicability } from '../src/runner/applicability.ts';
import { failureText } from '../src/reports/textReporter.ts';
import { checkRule } from '../src/runner/checkRule.ts';
import { rules } from '../src/spec/rules.ts';
import { suiteFor } from '../suites/ruleSuites.ts';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, db: { type: 'string', multiple: true }, target: { type: 'string', multiple: true } },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`soak: expected --runs to be a positive integer, got ${values.runs}`);
  process.exit(2);
}
const selection = Object.assign({}, ...(values.db ?? []).map(parseDbFlag)) as ReturnType<typeof parseDbFlag>;
const targets = (values.target ?? ['reference@postgres', 'generic-pool@postgres', 'reference@sqlite', 'reference@mysql']).map((t) => {
  const [name = '', db = 'postgres'] = t.split('@');
  return { name, db: db as LiveDatabase };
});
const databases = new LiveDatabases(selection);
let falseFailures = 0;
let judged = 0;
/** Findings of the pools themselves, by adapter: not counted as false failures. */
const FINDINGS: Readonly<Record<string, readonly string[]>> = { 'generic-pool': ['QUERY-1', 'CLOSE-1'] };
for (const { name } of targets) if (FINDINGS[name]) console.log(`  ${name}: ${FINDINGS[name].join(', ')} left out (findings of the pool, not of ours)`);
const skipped = new Set<string>();
try {
  for (let run = 1; run <= runs; run++) {
    for (const { name, db } of targets) {
      const { adapter } = await loadAdapter(name);
      const session = await databases.open(db);
      if (!('runner' in session)) {
        if (!skipped.has(`${name}@${db}`)) console.log(`  ${name}@${db} skipped: ${session.skipped}`);
        skipped.add(`${name}@${db}`);
        continue;
      }
      const seed = (Math.random() * 2 ** 31) | 0;
      try {
        for (const rule of rules) {
          const suite = suiteFor(rule.id);
          if (!suite || applicability(adapter, rule).kind !== 'applicable' || FINDINGS[name]?.includes(rule.id)) continue;
          const v = await checkRule(adapter, suite, { numRuns: liveProfileRuns.quick, seed, path: null, runner: session.runner });
          judged++;
          if (v.status === 'failed' || v.status === 'errored') {
            falseFailures++;
            console.log(`  run ${run} ${name}@${db} ${rule.id} ${v.status} (seed ${seed}): ${v.status === 'failed' ? v.violation.message : v.message}`);
            // The whole failure (workload and history): a live run does not replay exactly.
            console.log(failureText({ adapter: name, spec: name, capabilities: adapter.capabilities }, v).join('\n'));
          }
        }
      } finally {
        await session.runner.close();
      }
    }
    console.log(`  run ${run} done: ${falseFailures} false failure(s) so far`);
  }
} finally {
  await databases.stop();
}
console.log(`false failures: ${falseFailures} in ${runs} run(s): ${judged} rule verdicts over ${targets.length - skipped.size} target(s)`);
process.exitCode = falseFailures === 0 ? 0 : 1;
