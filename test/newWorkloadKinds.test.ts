// The kinds of workload issue 7 item 7 added (connects that never answer, a failed connect
// followed by a slow one, a validation that takes time of its own) each catch a broken pool that
// nothing else catches: with the kind turned off in the catching rule's shape the pool passes,
// with it on it fails (test/brokenPools.test.ts asserts the exact rules). The generator also makes
// each kind often enough to be found at the quick profile (100 runs).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { suiteFor } from '../suites/ruleSuites.ts';
import type { Adapter } from '../src/adapter/Adapter.ts';
import { checkRule } from '../src/runner/checkRule.ts';
import { shape, type WorkloadShape } from '../src/workload/WorkloadShape.ts';
import { formatWorkload } from '../src/workload/formatWorkload.ts';
import { workloadArbitrary } from '../src/workload/workloadArbitrary.ts';
import * as closeAwaitsConnects from './broken/closeAwaitsConnects.ts';
import * as pingStopsTheClock from './broken/pingStopsTheClock.ts';
import * as slowReconnectDropped from './broken/slowReconnectDropped.ts';

const QUICK_RUNS = 100;

const cases: ReadonlyArray<{ kind: string; adapter: Adapter; rule: string; off: Partial<WorkloadShape> }> = [
  { kind: 'connects that never answer', adapter: closeAwaitsConnects.adapter, rule: 'CLOSE-1', off: { connectHangs: false } },
  { kind: 'a failed connect followed by a slow one', adapter: slowReconnectDropped.adapter, rule: 'ERR-1', off: { slowConnects: false } },
  { kind: 'a validation that takes time', adapter: pingStopsTheClock.adapter, rule: 'TIME-1', off: { slowValidation: false } },
];

describe('each new kind of workload is what catches its broken pool', () => {
  for (const { kind, adapter, rule, off } of cases) {
    const suite = suiteFor(rule)!;
    test(`${adapter.name} slips through ${rule} without ${kind}`, async () => {
      const without = { ...suite, shape: shape({ ...suite.shape, ...off }) };
      for (const seed of [1, 2, 3]) {
        const verdict = await checkRule(adapter, without, { numRuns: 200, seed, path: null });
        expect(verdict.status, `seed ${seed}`).toBe('passed');
      }
    });
    test(`${adapter.name} fails ${rule} with ${kind}, at the quick profile`, async () => {
      for (const seed of [1, 2, 3]) {
        const verdict = await checkRule(adapter, suite, { numRuns: QUICK_RUNS, seed, path: null });
        expect(verdict.status, `seed ${seed}`).toBe('failed');
      }
    });
  }
});

test('model mode makes every kind; a substrate that cannot hang an open gets no hangs', () => {
  const faults = shape({ connectFaults: true, connectHangs: true });
  const caps = { ...closeAwaitsConnects.adapter.capabilities, asyncValidation: true };
  const sample = fc.sample(workloadArbitrary(faults, caps), { seed: 1, numRuns: 200 });
  const outcomes = new Set(sample.flatMap((w) => w.connects.map((s) => s.outcome)));
  expect([...outcomes].sort()).toEqual(['fail', 'hang', 'ok', 'slow', 'stall']);
  // A slow connect always follows a failed one, and outlasts the longest connect of old.
  for (const w of sample) {
    w.connects.forEach((s, i) => {
      if (s.outcome === 'slow') {
        expect(w.connects[i - 1]?.outcome).toBe('fail');
        expect(s.ms).toBeGreaterThan(20);
      }
    });
  }
  expect(sample.some((w) => (w.pingMs ?? 0) > 0)).toBe(true);
  const sqlite = fc.sample(workloadArbitrary(faults, caps, { timeoutFloorMs: 0, connectHangs: 'nowhere' }), { seed: 1, numRuns: 200 });
  expect(sqlite.flatMap((w) => w.connects).some((s) => s.outcome === 'hang')).toBe(false);
  // Live mode: hangs only where the close is not judged.
  const live = (rule: string) => fc.sample(workloadArbitrary(suiteFor(rule)!.shape, caps, { timeoutFloorMs: 0, connectHangs: 'not-at-close' }), { seed: 1, numRuns: 200 });
  expect(live('TIME-1').some((w) => w.connects.some((s) => s.outcome === 'hang'))).toBe(true);
  expect(live('CLOSE-1').some((w) => w.connects.some((s) => s.outcome === 'hang'))).toBe(false);
  const plain = fc.sample(workloadArbitrary(faults, closeAwaitsConnects.adapter.capabilities), { seed: 1, numRuns: 50 });
  expect(plain.every((w) => w.pingMs === undefined)).toBe(true);
});

test('the new steps read well in a failure report', () => {
  const workload = {
    config: { size: 1, maxOverflow: 0, acquireTimeoutMs: 20, idleTimeoutMs: null, min: 0 },
    defaultConnectMs: 5,
    connects: [
      { ms: 0, outcome: 'hang' },
      { ms: 5, outcome: 'fail' },
      { ms: 60, outcome: 'slow' },
    ],
    pingMs: 15,
    promise: 'native',
    kills: [],
    closeAt: null,
    tasks: [{ kind: 'borrow', start: 0, together: false, timeoutMs: null, holdMs: 0, use: false, end: 'release' }],
  } as const;
  expect(formatWorkload({ workload, ties: [] }, { acquireTimeout: null }).slice(1, 3)).toEqual([
    'server: connects take 5 ms; then, in order: connect #1 never answers (the host swallows its packets), connect #2 fails after 5 ms, connect #3 succeeds slowly, after 60 ms',
    "server: a ping (the pool's validation) takes 15 ms",
  ]);
});
