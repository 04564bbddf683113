// Judges one adapter against the rules asked for, reporting each verdict as it comes.
import type { LoadedAdapter } from '../adapter/loadAdapter.ts';
import { PoolcheckError } from '../errors.ts';
import { realNow } from '../model/VirtualClock.ts';
import { forkRuleTimeLimitMs, liveRuleTimeLimitMs, type RunOptions } from '../options/resolveRunOptions.ts';
import type { WorkloadRunner } from './WorkloadRunner.ts';
import type { Reporter } from '../reports/Reporter.ts';
import { ruleById } from '../spec/rules.ts';
import { suiteFor } from '../../suites/ruleSuites.ts';
import type { AdapterReport, LiveInfo } from './AdapterReport.ts';
import { adapterHead } from './adapterHead.ts';
import { applicability } from './applicability.ts';
import { basisFor } from './basisFor.ts';
import { checkRule } from './checkRule.ts';
import type { Verdict } from './Verdict.ts';
import { checkForkRule } from '../fork/checkForkRule.ts';
import type { ForkHost } from '../fork/ForkHost.ts';
import type { ForkRunner } from '../fork/openForkRunner.ts';
import { forkSuiteFor } from '../../suites/forkSuites.ts';

/**
 * Live mode: the runner on a real database and what the report says about it, or why there is
 * no database of the adapter's kind here (every applicable rule is then `skipped` with that).
 */
export type LiveJudging =
  | { readonly runner: WorkloadRunner; readonly info: LiveInfo }
  | { readonly fork: ForkJudging; readonly info: LiveInfo }
  /** `forkMode`: the run skipped is a fork-mode one (an adapter that cannot start here, asked for in fork mode). */
  | { readonly skipped: string; readonly forkMode?: boolean };

/** Fork mode: the runner on a real database, and how to start the adapter's processes. */
export interface ForkJudging {
  readonly runner: ForkRunner;
  readonly host: ForkHost;
}

export async function judgeAdapter({ adapter, spec, unavailable }: LoadedAdapter, options: RunOptions, reporter: Reporter = {}, live?: LiveJudging): Promise<AdapterReport> {
  const started = realNow();
  const head = adapterHead({ adapter, spec }, options, live && ('info' in live ? { info: live.info, fork: 'fork' in live } : { fork: live.forkMode === true }));
  const numRuns = head.numRuns;
  reporter.onAdapterStart?.(head);
  const verdicts: Verdict[] = [];
  for (const id of options.rules) {
    const rule = ruleById(id)!;
    const verdict = unavailable !== undefined ? { rule: rule.id, ms: 0, status: 'skipped' as const, reason: unavailable } : await judgeRule(rule.id, { adapter, spec }, { ...options, numRuns }, live);
    verdicts.push(verdict);
    reporter.onRuleResult?.(head, rule, verdict);
  }
  const report: AdapterReport = { ...head, verdicts, ms: realNow() - started };
  await reporter.onAdapterEnd?.(report);
  return report;
}

async function judgeRule(id: string, { adapter }: LoadedAdapter, options: RunOptions & { numRuns: number }, live?: LiveJudging): Promise<Verdict> {
  const rule = ruleById(id)!;
  const app = applicability(adapter, rule);
  if (app.kind === 'not-applicable') return { rule: id, ms: 0, status: 'not-applicable', reason: app.reason };
  if (app.kind === 'skipped') return { rule: id, ms: 0, status: 'skipped', reason: app.reason, ...(app.link ? { link: app.link } : {}) };
  if (live && 'skipped' in live) return { rule: id, ms: 0, status: 'skipped', reason: live.skipped };
  if (rule.level === 'fork' || (live && 'fork' in live)) return judgeForkRule(id, adapter, options, live);
  const suite = suiteFor(id);
  if (!suite) return { rule: id, ms: 0, status: 'skipped', reason: 'no property for this rule yet' };
  try {
    return await checkRule(adapter, suite, live ? { ...options, runner: live.runner, timeLimitMs: liveRuleTimeLimitMs[options.profile] } : options);
  } catch (error) {
    if (error instanceof PoolcheckError) throw error; // the environment, not the pool: exit 2
    return { rule: id, ms: 0, status: 'errored', basis: basisFor(adapter, id), message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * A rule in fork mode, or a cross-process rule anywhere: judged in fork mode only, where processes
 * and a real server are (suites/forkSuites.ts says which single-process rules it judges too).
 */
async function judgeForkRule(id: string, adapter: LoadedAdapter['adapter'], options: RunOptions & { numRuns: number }, live?: LiveJudging): Promise<Verdict> {
  const suite = forkSuiteFor(id);
  if (!live || !('fork' in live)) return { rule: id, ms: 0, status: 'skipped', reason: 'a cross-process rule: judged in fork mode (`--mode fork`)' };
  if (!suite) return { rule: id, ms: 0, status: 'skipped', reason: 'fork-mode workloads have no timeouts, faults or probes: this rule is judged in model and live mode' };
  try {
    return await checkForkRule(adapter, suite, live.fork.host, live.fork.runner, { ...options, timeLimitMs: forkRuleTimeLimitMs[options.profile] });
  } catch (error) {
    if (error instanceof PoolcheckError) throw error; // the environment, not the pool: exit 2
    return { rule: id, ms: 0, status: 'errored', basis: basisFor(adapter, id), message: error instanceof Error ? error.message : String(error) };
  }
}
