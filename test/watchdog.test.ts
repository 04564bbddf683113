// The watchdog: a run whose adapter hangs ends as `errored`, naming the call that had not
// settled, in little real time; later workloads of that adapter are not run again; the CLI
// exits 1 with the message. The real-time limit is lowered through POOLCHECK_WATCHDOG_MS so
// that the run is stopped long before anything else could end it (see test/fixtures/closeSpins.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { suiteFor } from '../suites/ruleSuites.ts';
import { checkRule } from '../src/runner/checkRule.ts';
import type { Verdict } from '../src/runner/Verdict.ts';
import { WATCHDOG_FLOOR_MS, watchdogFloorMs, watchdogLimitMs } from '../src/runner/watchdog.ts';
import { runCli } from './e2e/runCli.ts';
import { acquireSpins } from './fixtures/acquireSpins.ts';
import { closeSpins } from './fixtures/closeSpins.ts';
import type { Adapter } from '../src/adapter/Adapter.ts';

const LIMIT_MS = '300';

async function judge(adapter: Adapter, rule: string): Promise<{ status: Verdict['status']; message: string; ms: number }> {
  const verdict = await checkRule(adapter, suiteFor(rule)!, { numRuns: 5, seed: 1, path: null });
  return { status: verdict.status, message: 'message' in verdict ? String(verdict.message) : '', ms: verdict.ms };
}

afterEach(() => {
  delete process.env.POOLCHECK_WATCHDOG_MS;
});

describe('the watchdog', () => {
  it('limits a run to its floor plus the live scale times its horizons', () => {
    expect(watchdogFloorMs({})).toBe(WATCHDOG_FLOOR_MS);
    expect(watchdogFloorMs({ POOLCHECK_WATCHDOG_MS: '250' })).toBe(250);
    expect(() => watchdogFloorMs({ POOLCHECK_WATCHDOG_MS: 'soon' })).toThrow(/POOLCHECK_WATCHDOG_MS .* got `soon`/);
    expect(watchdogLimitMs(1000, 4, 30_000)).toBe(34_000);
    expect(watchdogLimitMs(61_000, 0, 30_000)).toBe(30_000);
  });

  it('stops a close() that spins on real time, names it, and does not run the adapter again', async () => {
    process.env.POOLCHECK_WATCHDOG_MS = LIMIT_MS;
    const first = await judge(closeSpins, 'CLOSE-1');
    expect(first.status).toBe('errored');
    expect(first.message).toMatch(/^the adapter hung: close\(\) had not settled after 300 ms/);
    // One run waits out the limit; every later one is refused at once (shrinking included).
    expect(first.ms).toBeLessThan(10 * Number(LIMIT_MS));
    const later = await judge(closeSpins, 'LEAK-1');
    expect(later.status).toBe('errored');
    expect(later.message).toContain('(in an earlier workload; the adapter is not run again)');
    expect(later.ms).toBeLessThan(Number(LIMIT_MS));
  });

  it('stops an acquire() that spins while virtual time stands still, naming the task', async () => {
    // The default floor of 30 s: the virtual clock's count of fired timers ends this one.
    const verdict = await judge(acquireSpins, 'SETTLE-1');
    expect(verdict.status).toBe('errored');
    expect(verdict.message).toMatch(/^the adapter hung: acquire\(\) of t\d+ (, acquire\(\) of t\d+)*.*had not settled by \d+(\.\d+)? ms of virtual time \(more than 100000 timers fired/);
    expect(verdict.ms).toBeLessThan(WATCHDOG_FLOOR_MS);
  });

  it('the CLI exits 1 and prints which step hung', async () => {
    process.env.POOLCHECK_WATCHDOG_MS = LIMIT_MS;
    const { code, stdout } = await runCli(['run', '--adapter', 'test/fixtures/closeSpins.ts', '--rules', 'CLOSE-1,LEAK-1', '--runs', '5', '--seed', '1']);
    expect(stdout).toContain('CLOSE-1 errored for close-spins: the adapter hung: close() had not settled after 300 ms');
    expect(code).toBe(1);
  });
});
