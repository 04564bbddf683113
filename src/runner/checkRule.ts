// Runs one rule's property against one adapter in model mode and turns fast-check's result into
// a verdict. A failure is replayed once more from its shrunk counterexample, which both collects
// its history for the report and proves that the run is deterministic.
import fc from 'fast-check';
import type { Adapter } from '../adapter/Adapter.ts';
import type { RuleSuite } from '../../suites/ruleSuites.ts';
import { realNow } from '../model/VirtualClock.ts';
import { tiesArbitrary, workloadArbitrary } from '../workload/workloadArbitrary.ts';
import { runWorkload } from './runWorkload.ts';
import type { Verdict } from './Verdict.ts';

export interface CheckOptions {
  readonly numRuns: number;
  readonly seed: number;
  /** Replays exactly this failure (fast-check's counterexample path) instead of exploring. */
  readonly path: string | null;
}

class HarnessError extends Error {}

export async function checkRule(adapter: Adapter, suite: RuleSuite, options: CheckOptions): Promise<Verdict> {
  const started = realNow();
  const arbitrary = fc.tuple(workloadArbitrary(suite.shape, adapter.capabilities), tiesArbitrary);
  const property = fc.asyncProperty(arbitrary, async ([workload, ties]) => {
    const run = await runWorkload(adapter, workload, ties);
    if (run.errors.length > 0) throw new HarnessError(run.errors.join('; '));
    return suite.check(run).length === 0;
  });
  const details = await fc.check(property, {
    numRuns: options.numRuns,
    seed: options.seed,
    ...(options.path === null ? {} : { path: options.path, endOnFailure: true }),
  });
  const base = { rule: suite.rule, ms: realNow() - started };
  if (!details.failed) return { ...base, status: 'passed', runs: details.numRuns };
  if (!details.counterexample || details.counterexamplePath === null) {
    return { ...base, status: 'errored', message: `the property failed without a counterexample: ${String(details.errorInstance)}` };
  }
  const replay = { seed: details.seed, path: details.counterexamplePath };
  const [[workload, ties]] = details.counterexample;
  const counterexample = { workload, ties };
  const run = await runWorkload(adapter, workload, ties);
  if (run.errors.length > 0) return { ...base, status: 'errored', ...replay, counterexample, message: run.errors.join('; ') };
  const [violation] = suite.check(run);
  if (!violation) {
    return { ...base, status: 'errored', ...replay, counterexample, message: 'the counterexample did not fail again on replay: the run is not deterministic' };
  }
  return { ...base, status: 'failed', runs: details.numRuns, ...replay, shrinks: details.numShrinks, counterexample, violation, history: run.history };
}
