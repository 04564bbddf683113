// How long the pool's own timer gives an acquire (the drain after close and unobserved.ts use it).
import { describe, expect, it } from 'vitest';
import { ownTimeoutOf } from '../../src/checkers/ownTimeoutOf.ts';
import { violationsIn } from '../../src/checkers/violationsIn.ts';
import type { BorrowTask } from '../../src/workload/Workload.ts';
import { history, run } from './history.ts';

const borrow = (timeoutMs: number | null): BorrowTask => ({ kind: 'borrow', timeoutMs }) as BorrowTask;

function record(timeouts: (number | null)[], acquireTimeoutMs: number | null = 500, defaultMs: number | null = 900) {
  const r = run(history(), { config: { acquireTimeoutMs }, capabilities: defaultMs === null ? {} : { acquireTimeout: { covers: 'whole-acquire', defaultMs } } });
  return { ...r, workload: { ...r.workload, tasks: timeouts.map(borrow) } };
}

describe('ownTimeoutOf', () => {
  it("the call's own timeout, for the workload task t<n>", () => {
    expect(ownTimeoutOf(record([null, 40]), 't2')).toEqual({ ms: 40, source: 'call' });
  });

  it('a task with no timeout of its own gets the configured one, else the default, else none', () => {
    expect(ownTimeoutOf(record([null]), 't1')).toEqual({ ms: 500, source: 'config' });
    expect(ownTimeoutOf(record([null], null), 't1')).toEqual({ ms: 900, source: 'default' });
    expect(ownTimeoutOf(record([null], null, null), 't1')).toBeNull();
  });

  it('task names count from 1, with every digit: t10 is the tenth task', () => {
    const timeouts = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    expect(ownTimeoutOf(record(timeouts), 't10')).toEqual({ ms: 10, source: 'call' });
    expect(ownTimeoutOf(record(timeouts), 't1')).toEqual({ ms: 1, source: 'call' });
  });

  it('probe borrowers and other names pass no timeout of their own', () => {
    const r = record([7]);
    for (const task of ['p1', 'xt1', 't1x', 't']) expect(ownTimeoutOf(r, task)).toEqual({ ms: 500, source: 'config' });
  });

  it('a task that is not a borrow has no call timeout', () => {
    const r = record([]);
    const other = { ...r, workload: { ...r.workload, tasks: [{ kind: 'kill', timeoutMs: 40 } as never] } };
    expect(ownTimeoutOf(other, 't1')).toEqual({ ms: 500, source: 'config' });
  });
});

describe('violationsIn', () => {
  it('keeps the violations and leaves out the not-judged notes', () => {
    const v = { rule: 'R', message: 'm', events: [1] };
    expect(violationsIn([{ rule: 'R', notJudged: 'why' }, v])).toEqual([v]);
    expect(violationsIn([])).toEqual([]);
  });
});
