// Runs one rule's property against one adapter in model mode and turns fast-check's result into
// a verdict. A failure is replayed once more from its shrunk counterexample, which both collects
// its history for the report and proves that the run is deterministic.
import fc from 'fast-check';
import type { Adapter } from '../adapter/Adapter.ts';
import { PoolcheckError } from '../errors.ts';
import { beacon } from '../isolation/beacon.ts';
import type { RuleSuite } from '../../suites/ruleSuites.ts';
import { realNow } from '../model/VirtualClock.ts';
import { explorationLimit } from './explorationLimit.ts';
import { tiesArbitrary, workloadArbitrary } from '../workload/workloadArbitrary.ts';
import type { Workload } from '../workload/Workload.ts';
import type { RunRecord } from './RunRecord.ts';
import type { NotJudged, Violation } from '../checkers/Violation.ts';
import { violationsIn } from '../checkers/violationsIn.ts';
import { modelRunner, type WorkloadRunner } from './WorkloadRunner.ts';
import type { Verdict } from './Verdict.ts';
import { basisFor } from './basisFor.ts';

export interface CheckOptions {
  readonly numRuns: number;
  /** Model mode unless given. */
  readonly runner?: WorkloadRunner;
  /** Real ms after which exploring and shrinking stop (live mode); the failure so far stands. */
  readonly timeLimitMs?: number;
  readonly seed: number;
  /** Replays exactly this failure (fast-check's counterexample path) instead of exploring. */
  readonly path: string | null;
}

class HarnessError extends Error {}

export async function checkRule(adapter: Adapter, suite: RuleSuite, options: CheckOptions): Promise<Verdict> {
  const runner = options.runner ?? modelRunner;
  const started = realNow();
  // Ties only exist on a virtual clock; a real one gives the empty list, Node's own order.
  const ties = runner.deterministic ? tiesArbitrary : fc.constant<number[]>([]);
  const arbitrary = fc.tuple(workloadArbitrary(suite.shape, adapter.capabilities, { timeoutFloorMs: runner.timeoutFloorMs, connectHangs: runner.connectHangs ?? 'anywhere' }), ties);
  // The last failing run: fast-check's final counterexample is the last one that failed while
  // shrinking, so on a real clock, where a replay may not fail again, this is its history.
  let lastFailure: { run: RunRecord; violation: Violation } | { errors: readonly string[] } | null = null;
  // A broken environment (a live server that is full) is no counterexample: stop exploring and
  // let it reach the command line as what it is.
  let environment: PoolcheckError | null = null;
  // Runs that ended before they could observe what the rule judges (see unobserved.ts): the first
  // reason, and how many. A rule with such runs and no failure is not judged, not passed.
  let notJudged: { first: NotJudged; count: number } | null = null;
  // The time limit stops exploring and shrinking between runs, never a run under way (a pool whose
  // waiters outlive its close takes the whole drain).
  const limit = explorationLimit(options.timeLimitMs);
  const property = fc.asyncProperty(arbitrary, async ([workload, ties]) => {
    if (environment || limit.stopped()) return true;
    let run: RunRecord;
    beacon.workload(workload, ties);
    try {
      run = await runner.run(adapter, workload, ties);
    } catch (error) {
      if (!(error instanceof PoolcheckError)) throw error;
      environment = error;
      return true;
    }
    limit.finished();
    if (run.errors.length > 0) {
      // Live mode reports the last errored run as it is (a hung adapter, a stray error).
      lastFailure = { errors: run.errors };
      throw new HarnessError(run.errors.join('; '));
    }
    const findings = suite.check(run);
    const [violation] = violationsIn(findings);
    if (violation) lastFailure = { run, violation };
    else {
      const unseen = findings.find((f): f is NotJudged => 'notJudged' in f);
      if (unseen) notJudged = { first: notJudged?.first ?? unseen, count: (notJudged?.count ?? 0) + 1 };
    }
    return violation === undefined;
  });
  const details = await fc.check(property, {
    numRuns: options.numRuns,
    seed: options.seed,
    ...(options.path === null ? {} : { path: options.path, endOnFailure: true }),
  });
  // Assigned inside the property: TypeScript's narrowing cannot see it.
  const broken = environment as PoolcheckError | null;
  if (broken) throw broken;
  const base = { rule: suite.rule, ms: realNow() - started, basis: basisFor(adapter, suite.rule) };
  const unseen = notJudged as { first: NotJudged; count: number } | null;
  const stopped = limit.cutShort(options.numRuns);
  const ran = stopped ? limit.runs : details.numRuns;
  if (!details.failed && unseen) return { ...base, status: 'skipped', reason: notJudgedReason(adapter, unseen.first, unseen.count, ran) };
  if (!details.failed) return { ...base, status: 'passed', runs: ran, ...(stopped ? { cutShort: stopped } : {}) };
  if (!details.counterexample || details.counterexamplePath === null) {
    // fast-check stopped without a counterexample: the property threw (the harness's own error,
    // or a run's) or it skipped too many runs; say which rather than print "null".
    const why = `fast-check skipped too many runs (${details.numSkips}) to reach a verdict`;
    return { ...base, status: 'errored', message: `the property failed without a counterexample: ${why}` };
  }
  const replay = { seed: details.seed, path: details.counterexamplePath };
  const [[workload, tieChoices]] = details.counterexample;
  const counterexample = { workload, ties: tieChoices };
  // Model mode replays the counterexample, which proves the run deterministic; live mode keeps
  // the history of the failing run itself.
  const failing = runner.deterministic ? await replayOnce(runner, adapter, suite, workload, tieChoices) : (lastFailure as { run: RunRecord; violation: Violation } | { errors: readonly string[] } | null);
  if (failing === null) {
    return { ...base, status: 'errored', ...replay, counterexample, message: 'the counterexample did not fail again on replay: the run is not deterministic' };
  }
  if ('errors' in failing) return { ...base, status: 'errored', ...replay, counterexample, message: failing.errors.join('; ') };
  return { ...base, status: 'failed', runs: details.numRuns, ...replay, shrinks: details.numShrinks, counterexample, violation: failing.violation, history: failing.run.history };
}

async function replayOnce(
  runner: WorkloadRunner,
  adapter: Adapter,
  suite: RuleSuite,
  workload: Workload,
  ties: readonly number[],
): Promise<{ run: RunRecord; violation: Violation } | { errors: readonly string[] } | null> {
  const run = await runner.run(adapter, workload, ties);
  if (run.errors.length > 0) return { errors: run.errors };
  const [violation] = violationsIn(suite.check(run));
  return violation ? { run, violation } : null;
}

/** "tarn: the acquire timeout (...) outlasts the drain after close (...): 7 of 100 runs could not be judged; the other 93 passed". */
function notJudgedReason(adapter: Adapter, first: NotJudged, count: number, runs: number): string {
  const judged = runs - count;
  const rest = judged === 0 ? '' : `; the other ${judged} passed`;
  return `${adapter.pool.name}: ${first.notJudged}: ${count} of ${runs} runs could not be judged${rest}`;
}
