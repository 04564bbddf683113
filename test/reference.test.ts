// The reference pool passes every applicable rule, at several seeds: a failure here is either a
// bug in the reference pool or a checker that blames a correct pool (a false verdict).
import { expect, test } from 'vitest';
import { referenceAdapter } from '../adapters/reference/index.ts';
import { suiteFor } from '../suites/ruleSuites.ts';
import type { Adapter } from '../src/adapter/Adapter.ts';
import { applicability } from '../src/runner/applicability.ts';
import { checkRule } from '../src/runner/checkRule.ts';
import { rules } from '../src/spec/rules.ts';

const SEEDS = [1, 2, 3, 4, 5];
const RUNS = 300;
const adapter: Adapter = referenceAdapter;
const applicable = rules.filter((rule) => applicability(adapter, rule).kind === 'applicable');

test('the reference pool is judged by every rule but MIN-1 and FORK-*', () => {
  expect(applicable.map((r) => r.id)).toEqual(rules.map((r) => r.id).filter((id) => id !== 'MIN-1' && !id.startsWith('FORK-')));
});

for (const seed of SEEDS) {
  test(`the reference pool passes every applicable rule at seed ${seed}`, async () => {
    const problems: string[] = [];
    for (const rule of applicable) {
      const v = await checkRule(adapter, suiteFor(rule.id)!, { numRuns: RUNS, seed, path: null });
      if (v.status === 'failed') problems.push(`${v.rule}: ${v.violation.message} (seed ${v.seed}, path ${v.path})`);
      else if (v.status !== 'passed') problems.push(`${v.rule}: ${v.status}${v.status === 'errored' ? ` ${v.message}` : ''}`);
    }
    expect(problems).toEqual([]);
  }, 60_000);
}
