// Judges one adapter against the rules asked for, reporting each verdict as it comes.
import type { LoadedAdapter } from '../adapter/loadAdapter.ts';
import { realNow } from '../model/VirtualClock.ts';
import type { RunOptions } from '../options/resolveRunOptions.ts';
import type { Reporter } from '../reports/Reporter.ts';
import { ruleById } from '../spec/rules.ts';
import { suiteFor } from '../../suites/ruleSuites.ts';
import type { AdapterReport } from './AdapterReport.ts';
import { applicability } from './applicability.ts';
import { checkRule } from './checkRule.ts';
import type { Verdict } from './Verdict.ts';

export async function judgeAdapter({ adapter, spec }: LoadedAdapter, options: RunOptions, reporter: Reporter = {}): Promise<AdapterReport> {
  const started = realNow();
  const head = { adapter: adapter.name, spec, pool: adapter.pool, capabilities: adapter.capabilities, mode: 'model' as const, profile: options.profile, numRuns: options.numRuns, seed: options.seed };
  reporter.onAdapterStart?.(head);
  const verdicts: Verdict[] = [];
  for (const id of options.rules) {
    const rule = ruleById(id)!;
    const verdict = await judgeRule(rule.id, { adapter, spec }, options);
    verdicts.push(verdict);
    reporter.onRuleResult?.(head, rule, verdict);
  }
  const report: AdapterReport = { ...head, verdicts, ms: realNow() - started };
  await reporter.onAdapterEnd?.(report);
  return report;
}

async function judgeRule(id: string, { adapter }: LoadedAdapter, options: RunOptions): Promise<Verdict> {
  const rule = ruleById(id)!;
  const app = applicability(adapter, rule);
  if (app.kind === 'not-applicable') return { rule: id, ms: 0, status: 'not-applicable', reason: app.reason };
  if (app.kind === 'skipped') return { rule: id, ms: 0, status: 'skipped', reason: app.reason, ...(app.link ? { link: app.link } : {}) };
  const suite = suiteFor(id);
  if (!suite) return { rule: id, ms: 0, status: 'skipped', reason: 'no model-mode property for this rule yet' };
  try {
    return await checkRule(adapter, suite, options);
  } catch (error) {
    return { rule: id, ms: 0, status: 'errored', message: error instanceof Error ? error.message : String(error) };
  }
}
