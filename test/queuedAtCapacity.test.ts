// Who counts as a waiter under fifo 'when-full' (src/checkers/queuedAtCapacity.ts), on histories
// written by hand: each case is one clause of the definition in spec/README.md.
import { describe, expect, test } from 'vitest';
import { queuedAtCapacity } from '../src/checkers/queuedAtCapacity.ts';
import type { HistoryEvent } from '../src/history/History.ts';

type Step = [task: string, kind: HistoryEvent['kind'], phase: HistoryEvent['phase'], conn?: string];

/** A history from steps; each acquire invoke gets its own op, its ok the same op. */
function history(steps: readonly Step[]): HistoryEvent[] {
  const pending = new Map<string, number>();
  let op = 100;
  return steps.map(([task, kind, phase, conn], i) => {
    let id = op++;
    if (kind === 'acquire' && phase === 'invoke') pending.set(task, id);
    if (kind === 'acquire' && phase !== 'invoke') id = pending.get(task)!;
    return { i, op: id, task, kind, phase, at: i, ...(conn ? { conn } : {}) };
  });
}
const tasksQueued = (h: HistoryEvent[], capacity: number): string[] =>
  h.filter((e) => queuedAtCapacity(h, capacity).has(e.op) && e.phase === 'invoke').map((e) => e.task);

describe('an acquire queued at capacity', () => {
  test('when sessions open plus connects under way reach capacity and every open session is held', () => {
    const h = history([
      ['t1', 'acquire', 'invoke'],
      ['server', 'connect', 'invoke', 'c1'],
      ['server', 'connect', 'ok', 'c1'],
      ['t1', 'acquire', 'ok', 'c1'],
      ['t2', 'acquire', 'invoke'], // c1 held, nothing under way: 1 of 2, free capacity
      ['server', 'connect', 'invoke', 'c2'],
      ['t3', 'acquire', 'invoke'], // c1 held + c2 under way: full
    ]);
    expect(tasksQueued(h, 2)).toEqual(['t3']);
  });

  test('not when an open session is idle (released and not yet closed)', () => {
    const h = history([
      ['t1', 'acquire', 'invoke'],
      ['server', 'connect', 'invoke', 'c1'],
      ['server', 'connect', 'ok', 'c1'],
      ['t1', 'acquire', 'ok', 'c1'],
      ['t1', 'release', 'invoke', 'c1'],
      ['t2', 'acquire', 'invoke'], // c1 open and idle
      ['server', 'disconnect', 'info', 'c1'],
      ['t3', 'acquire', 'invoke'], // nothing open, nothing under way
    ]);
    expect(tasksQueued(h, 1)).toEqual([]);
  });

  test('not while a just-opened session is not yet handed over, nor after a kill frees a slot', () => {
    const h = history([
      ['t1', 'acquire', 'invoke'],
      ['server', 'connect', 'invoke', 'c1'],
      ['server', 'connect', 'ok', 'c1'],
      ['t2', 'acquire', 'invoke'], // c1 open, not held yet: counted idle (lenient)
      ['t1', 'acquire', 'ok', 'c1'],
      ['t3', 'acquire', 'invoke'], // c1 held: full
      ['server', 'kill', 'info', 'c1'],
      ['t4', 'acquire', 'invoke'], // the server killed c1: a slot is free
    ]);
    expect(tasksQueued(h, 1)).toEqual(['t3']);
  });
});
