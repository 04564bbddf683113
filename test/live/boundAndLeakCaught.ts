// Live proofs that BOUND-2 and LEAK-1 can fail, on every database: a broken pool runs one pinned
// workload that cannot help exposing its bug, on real sessions, and the verdict rests on the
// server's (or SQLite factory's) own list of the run's sessions, never on what the pool believes.
// A pinned workload rather than generated ones: the failure is certain, not likely, and one run
// is enough.
import { expect } from 'vitest';
import { suiteFor } from '../../suites/ruleSuites.ts';
import type { Adapter } from '../../src/adapter/Adapter.ts';
import type { LiveRunner } from '../../src/live/openLiveRunner.ts';
import { violationsIn } from '../../src/checkers/violationsIn.ts';
import type { BorrowTask, Workload } from '../../src/workload/Workload.ts';
import { adapter as overflowKeptOpen } from '../broken/overflowKeptOpen.ts';
import { adapter as releaseWithoutWaitersDropped } from '../broken/releaseWithoutWaitersDropped.ts';

const borrow = (start: number, holdMs: number): BorrowTask => ({ kind: 'borrow', start, together: false, timeoutMs: null, holdMs, use: false, end: 'release' });
const workload = (maxOverflow: number, tasks: BorrowTask[]): Workload => ({
  config: { size: 1, maxOverflow, acquireTimeoutMs: null, idleTimeoutMs: null, min: 0 },
  defaultConnectMs: 5,
  connects: [],
  kills: [],
  closeAt: null,
  tasks,
  promise: 'native',
});

/** Runs `w` once on the live runner and returns the rule's violation, checking it cites the server's list. */
async function violationOf(runner: LiveRunner, adapter: Adapter, rule: string, w: Workload, marker: 'quiet' | 'probe') {
  const run = await runner.run(adapter, w, []);
  expect(run.errors).toEqual([]);
  const [violation] = violationsIn(suiteFor(rule)!.check(run));
  expect(violation?.rule, `${adapter.name} on ${rule}`).toBe(rule);
  // The sessions judged are those the server lists just after the marker.
  const at = run.history.find((e) => e.kind === marker)!;
  const audit = run.history.find((e) => e.kind === 'audit' && e.i > at.i);
  expect(audit?.conns?.length).toBeGreaterThan(1);
  return violation!;
}

export async function expectBoundAndLeakCaught(runner: LiveRunner): Promise<void> {
  // Two borrowers at once need the overflow connection; returned, it stays open beyond `size`.
  const bound = await violationOf(runner, overflowKeptOpen, 'BOUND-2', workload(1, [borrow(0, 20), borrow(0, 20)]), 'quiet');
  expect(bound.message).toMatch(/^2 connections \(.+\) were still open once the pool was quiet at .+ ms; size is 1$/);
  // A connection returned while nobody waits is dropped: a session outside the pool's reach.
  const leak = await violationOf(runner, releaseWithoutWaitersDropped, 'LEAK-1', workload(0, [borrow(0, 5)]), 'probe');
  expect(leak.message).toMatch(/stayed open outside the probe's hands/);
}
