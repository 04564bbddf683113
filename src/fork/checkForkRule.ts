// Runs one cross-process rule's property: fork-mode workloads against real processes and a real
// server, explored and shrunk by fast-check within the rule's time limit (stopped between runs,
// never during one, as live mode's). A replay of a real run may not fail again, so the failing
// run's own history is the one reported.
//
// A run whose harness broke (a channel fault, a child that never announced itself) observed
// nothing certain: it fails the property so that fast-check stops, and the rule is errored with
// what broke, unless the run had already recorded the server's answers that prove a violation,
// every one of them received over a working channel (two processes on one socket often garble
// it, and a statement then hangs: the hang comes after the evidence, not instead of it).
import fc from 'fast-check';
import type { Adapter } from '../adapter/Adapter.ts';
import { PoolcheckError } from '../errors.ts';
import { realNow } from '../model/VirtualClock.ts';
import { violationsIn } from '../checkers/violationsIn.ts';
import type { Violation } from '../checkers/Violation.ts';
import type { ForkSuite } from '../../suites/forkSuites.ts';
import { basisFor } from '../runner/basisFor.ts';
import { explorationLimit } from '../runner/explorationLimit.ts';
import type { Verdict } from '../runner/Verdict.ts';
import type { ForkHost } from './ForkHost.ts';
import { forkWorkloadArbitrary } from './forkWorkloadArbitrary.ts';
import type { ForkRecord, ForkRunner } from './openForkRunner.ts';

export interface ForkCheckOptions {
  readonly numRuns: number;
  readonly seed: number;
  readonly path: string | null;
  /** Real ms after which exploring and shrinking stop, between runs; a failure found stands. */
  readonly timeLimitMs: number;
  /** Called as each workload ends (progress). */
  readonly onWorkload?: () => void;
}

export async function checkForkRule(adapter: Adapter, suite: ForkSuite, host: ForkHost, runner: ForkRunner, options: ForkCheckOptions): Promise<Verdict> {
  const started = realNow();
  let last: { run: ForkRecord; violation: Violation } | { errors: readonly string[] } | null = null;
  let environment: PoolcheckError | null = null;
  const limit = explorationLimit(options.timeLimitMs);
  const property = fc.asyncProperty(forkWorkloadArbitrary(adapter.capabilities), async (workload) => {
    if (environment || limit.stopped()) return true;
    let run: ForkRecord;
    try {
      run = await runner.run(host, workload);
    } catch (error) {
      if (!(error instanceof PoolcheckError)) throw error;
      environment = error;
      return true;
    } finally {
      options.onWorkload?.();
    }
    limit.finished();
    const [violation] = violationsIn(suite.check(run));
    if (violation) {
      last = { run, violation };
      return false;
    }
    if (run.errors.length > 0) {
      // Once a violation is proven, shrinking looks for a smaller one, not for a broken run.
      if (last !== null && 'violation' in last) return true;
      last = { errors: run.errors };
      return false;
    }
    return true;
  });
  const details = await fc.check(property, { numRuns: options.numRuns, seed: options.seed, ...(options.path === null ? {} : { path: options.path, endOnFailure: true }) });
  const broken = environment as PoolcheckError | null;
  if (broken) throw broken;
  const base = { rule: suite.rule, ms: realNow() - started, basis: basisFor(adapter, suite.rule) };
  const stopped = limit.cutShort(options.numRuns);
  if (!details.failed) return { ...base, status: 'passed', runs: limit.runs, ...(stopped ? { cutShort: stopped } : {}) };
  const failing = last as { run: ForkRecord; violation: Violation } | { errors: readonly string[] } | null;
  if (!details.counterexample || details.counterexamplePath === null || failing === null) {
    return { ...base, status: 'errored', message: `the property failed without a counterexample: ${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}` };
  }
  const replay = { seed: details.seed, path: details.counterexamplePath };
  const counterexample = { workload: details.counterexample[0], ties: [] };
  if ('errors' in failing) return { ...base, status: 'errored', ...replay, counterexample, message: failing.errors.join('; ') };
  return { ...base, status: 'failed', runs: details.numRuns, ...replay, shrinks: details.numShrinks, counterexample, violation: failing.violation, history: failing.run.history };
}
