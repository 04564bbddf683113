// Never killed by the pool under test (issue 7). A pool that throws where nobody can catch it (a
// timer, a nextTick, a promise nobody awaits, an 'error' event nobody hears) gets the rule whose
// workload did it reported `errored` with the error and the workload; the other rules are judged
// and the report is written. A pool that spins in a synchronous loop is stopped from outside
// (its worker thread is terminated) once it has shown no sign of life for the stall limit, its
// rule `errored` with the call that never returned, and nothing is left running. Most fixtures
// misbehave only on a double release, which EXCL-2's workloads make and EXCL-1's never do.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { suiteFor } from '../suites/ruleSuites.ts';
import { loadAdapter } from '../src/adapter/loadAdapter.ts';
import { checkRule } from '../src/runner/checkRule.ts';
import { rejectsUnhandled } from './fixtures/rejectsUnhandled.ts';
import { throwsFromNextTick } from './fixtures/throwsFromNextTick.ts';
import { catchStrays } from '../src/isolation/catchStrays.ts';
import { judgeIsolated } from '../src/isolation/judgeIsolated.ts';
import { resolveRunOptions } from '../src/options/resolveRunOptions.ts';
import { runCli } from './e2e/runCli.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

interface ReportVerdict {
  readonly id: string;
  readonly status: string;
  readonly message?: string;
  readonly counterexample?: unknown;
  readonly ms: number;
}

async function judge(fixture: string, rules: string, extraEnv: NodeJS.ProcessEnv = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'poolcheck-isolation-test-'));
  dirs.push(dir);
  const started = performance.now();
  const result = await runCli(['run', '--adapter', `test/fixtures/${fixture}.ts`, '--rules', rules, '--runs', '20', '--seed', '1', '--report-dir', dir], {
    ...process.env,
    NO_COLOR: '1',
    ...extraEnv,
  });
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { rules: ReportVerdict[] };
  const verdict = (rule: string) => report.rules.find((v) => v.id === rule)!;
  return { ...result, verdict, ms: performance.now() - started };
}

describe('a pool that throws asynchronously', () => {
  const cases = [
    { fixture: 'throwsFromTimer', name: 'throws-from-timer', error: /the pool threw from a timer callback: Error: released twice \(from a timer\)/ },
    { fixture: 'throwsFromNextTick', name: 'throws-from-next-tick', error: /the pool threw asynchronously: Error: released twice \(from a nextTick\) \(an uncaught exception/ },
    { fixture: 'rejectsUnhandled', name: 'rejects-unhandled', error: /the pool threw asynchronously: Error: released twice \(a promise nobody awaits\) \(an unhandled rejection/ },
    { fixture: 'errorEventUnheard', name: 'error-event-unheard', error: /the pool threw asynchronously: Error: released twice \(an error event nobody hears\) \(an uncaught exception/ },
  ];
  for (const { fixture, name, error } of cases) {
    it(`${name}: EXCL-2 errored with the error and its workload, EXCL-1 and BOUND-1 judged, the report written`, async () => {
      const { code, stdout, stderr, verdict } = await judge(fixture, 'EXCL-1,EXCL-2,BOUND-1');
      expect(stderr).toBe('');
      expect(code).toBe(1);
      expect(stdout).toMatch(new RegExp(`! EXCL-2 errored for ${name}: ${error.source}`));
      // The workload that threw, shrunk, and the command that replays it.
      expect(stdout).toMatch(/ {4}workload:\n {6}pool: size/);
      expect(stdout).toMatch(/replay: npx poolcheck run --adapter test\/fixtures\/\w+\.ts --rules EXCL-2 --seed 1 --path \d/);
      expect(verdict('EXCL-1').status).toBe('passed');
      expect(verdict('BOUND-1').status).toBe('passed');
      expect(verdict('EXCL-2')).toMatchObject({ status: 'errored', message: expect.stringMatching(error) });
      expect(verdict('EXCL-2').counterexample).toBeDefined();
    });
  }
});

describe('in this process (the vitest entry judges here)', () => {
  it("catchStrays sets the process's own listeners aside while a catch is open, and puts them back", async () => {
    const listeners = () => [process.listenerCount('uncaughtException'), process.listenerCount('unhandledRejection')];
    const before = listeners();
    const strays = catchStrays();
    expect(listeners()).toEqual([1, 1]);
    process.nextTick(() => {
      throw new Error('stray from a nextTick');
    });
    void Promise.reject(new Error('a promise nobody awaits'));
    const caught = await strays.stop();
    expect(caught).toEqual([
      expect.stringMatching(/^the pool threw asynchronously: Error: stray from a nextTick \(an uncaught exception/),
      expect.stringMatching(/^the pool threw asynchronously: Error: a promise nobody awaits \(an unhandled rejection/),
    ]);
    // Put back one macrotask after the last catch ends (the next workload usually starts sooner).
    await new Promise((resolve) => setImmediate(resolve));
    expect(listeners()).toEqual(before);
  });

  // vitest fails the whole run on an unhandled error it sees; these must reach the verdict instead.
  for (const adapter of [throwsFromNextTick, rejectsUnhandled]) {
    it(`${adapter.name}: EXCL-2 errored with its workload, and vitest never sees the error`, async () => {
      const verdict = await checkRule(adapter, suiteFor('EXCL-2')!, { numRuns: 20, seed: 1, path: null });
      expect(verdict).toMatchObject({ status: 'errored', message: expect.stringContaining('the pool threw asynchronously: Error: released twice') });
      expect(verdict).toHaveProperty('counterexample');
    });
  }
});

/** Real ms a pool may stay silent here: short, so the tests are quick, and far above a GC pause. */
const STALL_MS = 1000;
/** The stall, plus starting the worker threads on a busy machine. */
const BOUND_MS = STALL_MS + 10_000;

describe('a pool that never yields', () => {
  afterEach(() => {
    delete process.env.POOLCHECK_STALL_MS;
  });

  it('release-spins: the double release that spins is stopped, EXCL-2 errored naming release() and the workload, later rules not run again', async () => {
    const { code, stdout, stderr, verdict, ms } = await judge('releaseSpins', 'EXCL-1,EXCL-2,BOUND-1', { POOLCHECK_STALL_MS: String(STALL_MS) });
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const message = /^the pool did not yield for 1 s: release\(\) of t\d+ had not returned; the thread judging it was stopped$/;
    expect(verdict('EXCL-1').status).toBe('passed');
    expect(verdict('EXCL-2')).toMatchObject({ status: 'errored', message: expect.stringMatching(message) });
    expect(verdict('EXCL-2').counterexample).toMatchObject({ workload: { tasks: expect.arrayContaining([expect.objectContaining({ end: 'double-release' })]) } });
    expect(verdict('EXCL-2').ms).toBeLessThan(BOUND_MS);
    expect(verdict('BOUND-1')).toMatchObject({ status: 'errored', message: expect.stringContaining('(in an earlier workload; the adapter is not run again)') });
    expect(stdout).toMatch(/! EXCL-2 errored for release-spins: the pool did not yield for 1 s: release\(\) of t\d+ had not returned/);
    // The CLI process itself ended (runCli resolved on its exit): no thread kept it alive.
    expect(ms).toBeLessThan(3 * BOUND_MS);
  });

  it('acquire-spins-forever: BOUND-1 errored naming the acquire() that never returned', async () => {
    const { code, verdict } = await judge('acquireSpinsForever', 'BOUND-1,LEAK-1', { POOLCHECK_STALL_MS: String(STALL_MS) });
    expect(code).toBe(1);
    expect(verdict('BOUND-1')).toMatchObject({ status: 'errored', message: expect.stringMatching(/^the pool did not yield for 1 s: acquire\(\) of [tp]\d+ had not returned/) });
    expect(verdict('LEAK-1')).toMatchObject({ status: 'errored', message: expect.stringContaining('the adapter is not run again') });
  });

  it('leaves no thread behind in the process that judged it', async () => {
    // Linux: one entry per thread of this process. A first judging starts whatever threads Node
    // keeps for workers; after the spinning pool's, the count is back where it was.
    const threads = () => readdirSync('/proc/self/task').length;
    const options = resolveRunOptions({ rules: ['EXCL-2'], numRuns: 20, seed: 1 });
    await judgeIsolated(await loadAdapter('reference'), options);
    const before = threads();
    process.env.POOLCHECK_STALL_MS = String(STALL_MS);
    const report = await judgeIsolated(await loadAdapter('test/fixtures/releaseSpins.ts'), options);
    expect(report.verdicts[0]).toMatchObject({ rule: 'EXCL-2', status: 'errored', message: expect.stringContaining('release() of t') });
    expect(threads()).toBeLessThanOrEqual(before);
  });
});
