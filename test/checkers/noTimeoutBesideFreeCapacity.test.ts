// TIME-2: each branch of noTimeoutBesideFreeCapacity over a hand-written history.
import { describe, expect, it } from 'vitest';
import { noTimeoutBesideFreeCapacity } from '../../src/checkers/noTimeoutBesideFreeCapacity.ts';
import { history, run } from './history.ts';

describe('noTimeoutBesideFreeCapacity', () => {
  it('a borrower that timed out while capacity was free during its wait', () => {
    const h = history().at(1).acquire('t1').at(11).refused('t1', 'timeout');
    expect(noTimeoutBesideFreeCapacity(run(h))).toEqual([
      { rule: 'TIME-2', message: 't1 timed out at 11 ms although 2 connection(s) were free for 10 ms of its wait (from 1 ms)', events: [0, 0, 1] },
    ]);
  });

  it('a borrower that timed out while every connection was held', () => {
    const h = history().connect('c1').borrow('t0', 'c1').at(1).acquire('t1').at(11).refused('t1', 'timeout');
    expect(noTimeoutBesideFreeCapacity(run(h, { config: { size: 1 } }))).toEqual([]);
  });

  it('a waiter beside free capacity that failed otherwise than by a timeout, or was served', () => {
    const h = history().acquire('t1').at(10).refused('t1', 'other').acquire('t2').at(20).connect('c1').served('t2', 'c1');
    expect(noTimeoutBesideFreeCapacity(run(h))).toEqual([]);
  });

  it('a waiter beside free capacity that never settled did not time out', () => {
    const h = history().acquire('t1').at(10).kill('c9');
    expect(noTimeoutBesideFreeCapacity(run(h))).toEqual([]);
  });

  it('a waiter who joined the stretch and timed out in it', () => {
    const h = history().acquire('t1').at(2).acquire('t2').at(4).refused('t2', 'timeout').at(5).connect('c1').served('t1', 'c1');
    expect(noTimeoutBesideFreeCapacity(run(h))).toEqual([
      { rule: 'TIME-2', message: 't2 timed out at 4 ms although 2 connection(s) were free for 5 ms of its wait (from 0 ms)', events: [1, 0, 2] },
    ]);
  });

  it('a timeout of a borrower who was not among the waiters of a stretch', () => {
    // Capacity 1: t1 waits beside free capacity until 5 ms; t2 arrives once c1 is held and times out.
    const h = history().acquire('t1').at(5).connect('c1').served('t1', 'c1').at(6).acquire('t2').at(16).refused('t2', 'timeout');
    expect(noTimeoutBesideFreeCapacity(run(h, { config: { size: 1 } }))).toEqual([]);
  });
});
