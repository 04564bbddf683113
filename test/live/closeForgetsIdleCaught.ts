// The same proof on every database: a close that forgets idle connections is caught by the
// witness (the server's or the factory's own list of the run's sessions, read after the end),
// never by what the pool believes. On a workload written for it (one connection left idle, no idle
// timeout to reap it, then close), which catches it on any machine: generated workloads need not
// leave a connection idle at close within 10 runs on a busy one (the generator's timeouts follow
// the connect time measured at the start; the full suite under load once found none).
import { expect } from 'vitest';
import { suiteFor } from '../../suites/ruleSuites.ts';
import type { LiveRunner } from '../../src/live/openLiveRunner.ts';
import type { Workload } from '../../src/workload/Workload.ts';
import { adapter as closeForgetsIdle } from '../broken/closeForgetsIdle.ts';

const idleAtClose: Workload = {
  config: { size: 1, maxOverflow: 0, acquireTimeoutMs: null, idleTimeoutMs: null, min: 0 },
  defaultConnectMs: 0,
  connects: [],
  kills: [],
  closeAt: 40,
  tasks: [{ kind: 'borrow', start: 0, together: false, timeoutMs: null, holdMs: 5, use: false, end: 'release' }],
  promise: 'native',
};

export async function expectCloseForgetsIdleCaught(runner: LiveRunner): Promise<void> {
  const run = await runner.run(closeForgetsIdle, idleAtClose, []);
  expect(run.errors).toEqual([]);
  const [violation] = suiteFor('CLOSE-1')!.check(run);
  expect(violation?.message).toMatch(/stayed open at the server/);
  const end = run.history.find((e) => e.kind === 'end')!;
  const audit = run.history.find((e) => e.kind === 'audit' && e.i > end.i);
  expect(audit?.conns?.length).toBeGreaterThan(0);
}
