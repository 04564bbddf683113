// No failure beyond the evidence: a pending acquire whose own timeout fires only after the run's
// drain limit has not been observed, so SETTLE-1 reports the rule not judged (skipped, with the
// reason and the count), while the same pool with a timeout inside the limit is seen settling it.
// The pool is the reference pool whose close() forgets its waiters, with a default acquire timeout
// (as tarn's 30 s) declared by its adapter; model mode's drain limit is 300 s of virtual time.
import { describe, expect, test } from 'vitest';
import { type Lease, type PooledConnection } from '../adapters/reference/ReferencePool.ts';
import type { Adapter } from '../src/adapter/Adapter.ts';
import { checkRule } from '../src/runner/checkRule.ts';
import { runWorkload } from '../src/runner/runWorkload.ts';
import type { Workload } from '../src/workload/Workload.ts';
import { suiteFor } from '../suites/ruleSuites.ts';
import { BasePool } from './broken/BasePool.ts';
import { brokenAdapter } from './broken/brokenAdapter.ts';

function poolWithDefaultTimeout(defaultMs: number): Adapter {
  class DefaultTimeoutForgetsWaiters<C extends PooledConnection> extends BasePool<C> {
    override acquire(timeoutMs?: number | null): Promise<Lease<C>> {
      return super.acquire(timeoutMs ?? this.options.acquireTimeoutMs ?? defaultMs);
    }
    override async close(): Promise<void> {
      this.closed = true; // the waiters are left to their timeout
      await Promise.all(this.idle.splice(0).map((conn) => conn.close()));
    }
  }
  const base = brokenAdapter(`default-timeout-${defaultMs}`, DefaultTimeoutForgetsWaiters);
  return { ...base, capabilities: { ...base.capabilities, acquireTimeout: { covers: 'whole-acquire', defaultMs } } };
}

/** t1 holds the only connection past close; t2 waits for it when the pool is closed at 10 ms. */
const waiterAtClose: Workload = {
  config: { size: 1, maxOverflow: 0, acquireTimeoutMs: null, idleTimeoutMs: null, min: 0 },
  defaultConnectMs: 0,
  connects: [],
  kills: [],
  closeAt: 10,
  promise: 'native',
  tasks: [
    { kind: 'borrow', start: 0, together: false, timeoutMs: null, holdMs: 50, use: false, end: 'release' },
    { kind: 'borrow', start: 5, together: false, timeoutMs: null, holdMs: 0, use: false, end: 'release' },
  ],
};

describe('a pending acquire beyond the drain limit is not judged', () => {
  const settle = suiteFor('SETTLE-1')!;

  test('its own timeout inside the limit: the drain waits for it and sees it settle', async () => {
    const run = await runWorkload(poolWithDefaultTimeout(200_000), waiterAtClose);
    expect(run.errors).toEqual([]);
    const t2 = run.history.find((e) => e.task === 't2' && e.kind === 'acquire' && e.phase === 'fail');
    expect(t2?.at).toBe(200_005);
    expect(settle.check(run)).toEqual([]);
  });

  test('its own timeout beyond the limit: the run ends first, and the finding is a reason, not a violation', async () => {
    const run = await runWorkload(poolWithDefaultTimeout(400_000), waiterAtClose);
    expect(run.errors).toEqual([]);
    // Beyond the limit it is not waited for at all: the drain keeps its usual 60 s.
    expect(run.history.find((e) => e.kind === 'end')?.note).toMatch(/1 acquire\(s\) unsettled/);
    expect(run.history.find((e) => e.kind === 'end')!.at).toBeLessThan(70_000);
    expect(settle.check(run)).toEqual([
      { rule: 'SETTLE-1', notJudged: "the acquire timeout (the pool's default, 400,000 ms) outlasts the drain after close (at most 300,000 ms)" },
    ]);
  });

  test('checkRule reports such a rule skipped with the reason and how many runs could not be judged', async () => {
    const verdict = await checkRule(poolWithDefaultTimeout(400_000), settle, { numRuns: 40, seed: 1, path: null });
    expect(verdict.status).toBe('skipped');
    if (verdict.status !== 'skipped') return;
    expect(verdict.reason).toMatch(
      /^poolcheck broken pool default-timeout-400000: the acquire timeout \(the pool's default, 400,000 ms\) outlasts the drain after close \(at most 300,000 ms\): \d+ of 40 runs could not be judged; the other \d+ passed$/,
    );
  });

  test('a pool with no timeout at all is judged: nothing could have settled its waiter', async () => {
    const { adapter } = await import('./broken/closeLeavesWaitersHanging.ts');
    const run = await runWorkload(adapter, waiterAtClose);
    expect(settle.check(run)).toMatchObject([{ rule: 'SETTLE-1', message: "t2's acquire from 5 ms never settled, not even after the pool was closed" }]);
  });
});

describe('a run whose work phase ends with tasks still waiting is not judged on what comes after it', () => {
  test('BOUND-2 and the probe rules say the pool never got quiet, instead of passing on nothing', async () => {
    const { adapter } = await import('./broken/lostWakeUpOnRelease.ts');
    // t1 holds the only connection; t2 waits for it and is never woken when it comes back.
    const stuck: Workload = { ...waiterAtClose, closeAt: null, tasks: waiterAtClose.tasks.map((t) => ({ ...t, holdMs: 10 })) };
    const run = await runWorkload(adapter, stuck);
    expect(run.errors).toEqual([]);
    expect(run.history.find((e) => e.kind === 'quiet')?.note).toBe('skipped: 1 task(s) still waiting');
    for (const rule of ['BOUND-2', 'LEAK-1']) {
      expect(suiteFor(rule)!.check(run), rule).toEqual([{ rule, notJudged: expect.stringMatching(/^the pool never got quiet: at the work phase's horizon \(\d[\d,]* ms\) 1 task\(s\) still waiting$/) }]);
    }
  });
});
