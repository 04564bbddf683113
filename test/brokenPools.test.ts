// The self-test of the rule catalogue: every broken pool in test/broken/ fails exactly the rules
// its `breaks` names (a rule missing from the failures is a checker that lets a bug through; an
// extra one is an over-eager checker), every failure replays from its seed and path, and the
// control pools, with no bug, fail nothing.
import { describe, expect, test } from 'vitest';
import { suiteFor } from '../suites/ruleSuites.ts';
import type { Adapter } from '../src/adapter/Adapter.ts';
import { applicability } from '../src/runner/applicability.ts';
import { checkRule } from '../src/runner/checkRule.ts';
import type { Verdict } from '../src/runner/Verdict.ts';
import { rules } from '../src/spec/rules.ts';
import { blindSpots, type BrokenPool, brokenPools, controlPools } from './broken/index.ts';

const SEED = 1;
const RUNS = 200;
/** Rules proven here; FORK-* need real processes and are out of model mode's reach. */
const PROVEN = ['EXCL-1', 'EXCL-2', 'BOUND-1', 'BOUND-2', 'BOUND-3', 'WAIT-1', 'WAIT-2', 'SETTLE-1', 'TIME-1', 'TIME-2', 'TIME-3', 'LEAK-1', 'ERR-1', 'ERR-2', 'CLOSE-1', 'QUERY-1', 'MIN-1'];

const byCatalogue = (ids: readonly string[]): string[] => [...ids].sort((a, b) => rules.findIndex((r) => r.id === a) - rules.findIndex((r) => r.id === b));

async function judge(adapter: Adapter): Promise<Verdict[]> {
  const verdicts: Verdict[] = [];
  for (const rule of rules) {
    if (applicability(adapter, rule).kind !== 'applicable') continue;
    const suite = suiteFor(rule.id);
    if (!suite) throw new Error(`no suite for applicable rule ${rule.id}`);
    verdicts.push(await checkRule(adapter, suite, { numRuns: RUNS, seed: SEED, path: null }));
  }
  return verdicts;
}

function summary(verdicts: readonly Verdict[]): string {
  return verdicts
    .map((v) => (v.status === 'failed' ? `${v.rule}: ${v.violation.message}` : v.status === 'errored' ? `${v.rule} errored: ${v.message}` : `${v.rule}: ${v.status}`))
    .join('\n');
}

async function expectFailsExactly({ adapter, breaks }: BrokenPool): Promise<void> {
  const verdicts = await judge(adapter);
  expect(verdicts.filter((v) => v.status === 'errored'), summary(verdicts)).toEqual([]);
  const failed = verdicts.filter((v) => v.status === 'failed');
  expect(byCatalogue(failed.map((v) => v.rule)), summary(verdicts)).toEqual(byCatalogue(breaks));
  for (const v of failed) {
    const replay = await checkRule(adapter, suiteFor(v.rule)!, { numRuns: RUNS, seed: v.seed, path: v.path });
    expect(replay.status, `${v.rule} from seed ${v.seed}, path ${v.path}`).toBe('failed');
    if (replay.status === 'failed') expect(replay.counterexample).toEqual(v.counterexample);
  }
}

describe('broken pools fail exactly the rules they break', () => {
  for (const pool of brokenPools) {
    test(`${pool.adapter.name}: ${pool.breaks.join(', ')}`, () => expectFailsExactly(pool), 60_000);
  }
});

describe.runIf(blindSpots.length > 0)('blind spots: broken pools that slip through (an expected failure until they are caught)', () => {
  for (const pool of blindSpots) {
    test.fails(`${pool.adapter.name}: ${pool.breaks.join(', ')}`, () => expectFailsExactly(pool), 60_000);
  }
});

describe('control pools fail nothing', () => {
  for (const pool of controlPools) {
    test(pool.adapter.name, () => expectFailsExactly(pool), 60_000);
  }
});

test('every rule of model mode is proven by a broken pool', () => {
  const caught = new Set(brokenPools.flatMap((p) => p.breaks));
  expect(PROVEN.filter((id) => !caught.has(id))).toEqual([]);
  expect(brokenPools.flatMap((p) => p.breaks).filter((id) => !rules.some((r) => r.id === id))).toEqual([]);
});

test('broken pool names are unique', () => {
  const names = brokenPools.map((p) => p.adapter.name);
  expect(new Set(names).size).toBe(names.length);
});

