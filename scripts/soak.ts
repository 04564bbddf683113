// npm run soak -- --runs N [--db URL|embedded] [--adapter NAME ...]: repeats live runs of pools
// that keep every rule they are judged by, and counts the failures, each of which is a false
// verdict of ours. The target is 0 in 50 runs.
import { parseArgs } from 'node:util';
import { loadAdapter } from '../src/adapter/loadAdapter.ts';
import { parseDbFlag, provisionPostgres } from '../src/live/database/index.ts';
import { openPgLiveRunner } from '../src/live/openPgLiveRunner.ts';
import { liveProfileRuns } from '../src/options/resolveRunOptions.ts';
import { applicability } from '../src/runner/applicability.ts';
import { checkRule } from '../src/runner/checkRule.ts';
import { rules } from '../src/spec/rules.ts';
import { suiteFor } from '../suites/ruleSuites.ts';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, db: { type: 'string' }, adapter: { type: 'string', multiple: true } },
});
const runs = Number(values.runs);
// Pools that pass every rule they are judged by in model mode: any live failure is ours.
const names = values.adapter ?? ['reference', 'generic-pool'];
const database = await provisionPostgres(values.db ? (parseDbFlag(values.db).postgres ?? 'auto') : 'auto');
console.log(`soak: ${runs} run(s) of ${names.join(', ')} on ${database.serverVersion} (${database.provision})`);
let falseFailures = 0;
try {
  for (let run = 1; run <= runs; run++) {
    for (const name of names) {
      const { adapter } = await loadAdapter(name);
      const runner = await openPgLiveRunner(database);
      const seed = (Math.random() * 2 ** 31) | 0;
      try {
        for (const rule of rules) {
          const suite = suiteFor(rule.id);
          if (!suite || applicability(adapter, rule).kind !== 'applicable') continue;
          const v = await checkRule(adapter, suite, { numRuns: liveProfileRuns.quick, seed, path: null, runner });
          if (v.status === 'failed' || v.status === 'errored') {
            falseFailures++;
            console.log(`  run ${run} ${name} ${rule.id} ${v.status} (seed ${seed}): ${v.status === 'failed' ? v.violation.message : v.message}`);
          }
        }
      } finally {
        await runner.close();
      }
    }
    console.log(`  run ${run} done: ${falseFailures} false failure(s) so far`);
  }
} finally {
  await database.stop();
}
console.log(`false failures: ${falseFailures} in ${runs} run(s) of ${names.length} pool(s)`);
process.exitCode = falseFailures === 0 ? 0 : 1;
