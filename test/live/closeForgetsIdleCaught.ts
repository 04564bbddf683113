// The same proof on every database: a close that forgets idle connections is caught by the
// witness (the server's or the factory's own list of the run's sessions, read after the end),
// never by what the pool believes.
import { expect } from 'vitest';
import { suiteFor } from '../../suites/ruleSuites.ts';
import type { LiveRunner } from '../../src/live/openLiveRunner.ts';
import { checkRule } from '../../src/runner/checkRule.ts';
import { adapter as closeForgetsIdle } from '../broken/closeForgetsIdle.ts';

export async function expectCloseForgetsIdleCaught(runner: LiveRunner): Promise<void> {
  const verdict = await checkRule(closeForgetsIdle, suiteFor('CLOSE-1')!, { numRuns: 10, seed: 1, path: null, runner });
  expect(verdict.status).toBe('failed');
  if (verdict.status !== 'failed') return;
  expect(verdict.violation.message).toMatch(/stayed open at the server/);
  const end = verdict.history.find((e) => e.kind === 'end')!;
  const audit = verdict.history.find((e) => e.kind === 'audit' && e.i > end.i);
  expect(audit?.conns?.length).toBeGreaterThan(0);
}
