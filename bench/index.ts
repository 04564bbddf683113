// npm run bench: model-mode throughput, and how fast each broken pool is caught.
// Figures are printed, never asserted: performance targets live here, not in timed tests.
//   target: >= 2,000 small workloads a second on one core
//   target: each broken pool caught in < 2 s median at the quick profile, over >= 10 seeds
//   target: shrunk counterexamples of at most 4 borrower tasks
import fc from 'fast-check';
import { referenceAdapter } from '../adapters/reference/index.ts';
import { suiteFor } from '../suites/ruleSuites.ts';
import { realNow } from '../src/model/VirtualClock.ts';
import { profileRuns } from '../src/options/resolveRunOptions.ts';
import { checkRule } from '../src/runner/checkRule.ts';
import { runWorkload } from '../src/runner/runWorkload.ts';
import { tiesArbitrary, workloadArbitrary } from '../src/workload/workloadArbitrary.ts';
import { brokenPools } from '../test/broken/index.ts';
import type { Workload } from '../src/workload/Workload.ts';

const SEEDS = Number(process.env.BENCH_SEEDS ?? 10);
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function throughput(): Promise<void> {
  const suite = suiteFor('WAIT-1')!;
  const arb = fc.tuple(workloadArbitrary(suite.shape, referenceAdapter.capabilities), tiesArbitrary);
  const samples = fc.sample(arb, { seed: 1, numRuns: 5000 });
  for (const [w, t] of samples.slice(0, 200)) await runWorkload(referenceAdapter, w, t); // warm up
  const started = realNow();
  let events = 0;
  for (const [w, t] of samples) events += (await runWorkload(referenceAdapter, w, t)).history.length;
  const seconds = (realNow() - started) / 1000;
  const tasks = samples.reduce((n, [w]) => n + w.tasks.length, 0) / samples.length;
  console.log(`model mode, reference pool: ${Math.round(samples.length / seconds)} workloads/s` +
    ` (${samples.length} workloads of ${tasks.toFixed(1)} tasks on average, ${Math.round(events / samples.length)} events each, one core)`);

  const startedAll = realNow();
  let runs = 0;
  for (const s of ['EXCL-1', 'BOUND-1', 'TIME-1', 'ERR-1', 'CLOSE-1', 'QUERY-1']) {
    const v = await checkRule(referenceAdapter, suiteFor(s)!, { numRuns: 1000, seed: 7, path: null });
    runs += v.status === 'passed' ? v.runs : 0;
  }
  console.log(`fast-check properties incl. generation and checking: ${Math.round(runs / ((realNow() - startedAll) / 1000))} workloads/s`);
}

async function brokenCatchTimes(): Promise<void> {
  console.log(`\nbroken pools at the quick profile (${profileRuns.quick} workloads per rule), ${SEEDS} seeds each:`);
  console.log(`${'broken pool'.padEnd(34)}${'caught'.padStart(8)}${'median s'.padStart(10)}${'median runs'.padStart(13)}${'max tasks'.padStart(11)}  rule`);
  for (const { adapter, breaks } of brokenPools) {
    const times: number[] = [];
    const runs: number[] = [];
    let maxTasks = 0;
    let caught = 0;
    const rulesSeen = new Set<string>();
    for (let seed = 1; seed <= SEEDS; seed++) {
      const started = realNow();
      for (const rule of breaks) {
        const v = await checkRule(adapter, suiteFor(rule)!, { numRuns: profileRuns.quick, seed, path: null });
        if (v.status !== 'failed') continue;
        caught++;
        times.push((realNow() - started) / 1000);
        runs.push(v.runs);
        maxTasks = Math.max(maxTasks, (v.counterexample.workload as Workload).tasks.length);
        rulesSeen.add(rule);
        break;
      }
    }
    console.log(
      `${adapter.name.padEnd(34)}${`${caught}/${SEEDS}`.padStart(8)}${median(times).toFixed(3).padStart(10)}${String(median(runs)).padStart(13)}${String(maxTasks).padStart(11)}  ${[...rulesSeen].join(', ')}`,
    );
  }
}

await throughput();
await brokenCatchTimes();

// Live figures need real databases and take minutes: `npm run bench -- --live`.
if (process.argv.includes('--live')) await (await import('./live.ts')).liveFigures();
// Process adapters and fork mode need Python and PostgreSQL, and take minutes: `npm run bench -- --fork`.
if (process.argv.includes('--fork')) await (await import('./fork.ts')).forkFigures();
