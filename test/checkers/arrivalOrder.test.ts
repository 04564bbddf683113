// WAIT-2: each branch of arrivalOrder over a hand-written history.
import { describe, expect, it } from 'vitest';
import { arrivalOrder } from '../../src/checkers/arrivalOrder.ts';
import { history, run } from './history.ts';

describe('arrivalOrder', () => {
  it('a later waiter served while an earlier one still waits', () => {
    const h = history().at(1).acquire('t1').at(2).acquire('t2').at(5).served('t2', 'c1').at(6).served('t1', 'c2');
    expect(arrivalOrder(run(h))).toEqual([
      { rule: 'WAIT-2', message: 't2 (waiting since 2 ms) was served at 5 ms before t1, waiting since 1 ms', events: [0, 1, 2] },
    ]);
  });

  it('a later waiter served while an earlier one never is', () => {
    const h = history().acquire('t1').acquire('t2').at(5).served('t2', 'c1');
    expect(arrivalOrder(run(h))).toHaveLength(1);
  });

  it('waiters served in the order they arrived', () => {
    const h = history().acquire('t1').acquire('t2').at(5).served('t1', 'c1').at(6).served('t2', 'c2');
    expect(arrivalOrder(run(h))).toEqual([]);
  });

  it('an earlier borrower served before the later one arrived was no waiter', () => {
    const h = history().acquire('t1').served('t1', 'c1').acquire('t2').served('t2', 'c2');
    expect(arrivalOrder(run(h))).toEqual([]);
  });

  it('an earlier waiter that gave up before the later one was served', () => {
    const h = history().acquire('t1').acquire('t2').at(3).refused('t1', 'timeout').at(5).served('t2', 'c1');
    expect(arrivalOrder(run(h))).toEqual([]);
  });

  it('a later waiter that failed while an earlier one waits is not served before it', () => {
    const h = history().acquire('t1').acquire('t2').at(3).refused('t2', 'timeout').at(5).served('t1', 'c1');
    expect(arrivalOrder(run(h))).toEqual([]);
    const never = history().acquire('t1').acquire('t2');
    expect(arrivalOrder(run(never))).toEqual([]);
  });

  it('the first overtaking is reported once', () => {
    const h = history().acquire('t1').acquire('t2').acquire('t3').served('t3', 'c1').served('t2', 'c2');
    const found = arrivalOrder(run(h));
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(/^t2 .* before t1,/);
  });

  describe("fifo 'when-full': only callers that queued at full capacity are waiters", () => {
    const whenFull = { capabilities: { fifo: 'when-full' as const } };

    it('a later caller queued at capacity served before an earlier one queued so', () => {
      const h = history().connect('c1').connect('c2').borrow('t1', 'c1').borrow('t2', 'c2');
      h.at(1).acquire('t3').at(2).acquire('t4').at(3).release('t1', 'c1').served('t4', 'c1');
      expect(arrivalOrder(run(h, whenFull))).toEqual([
        { rule: 'WAIT-2', message: 't4 (waiting since 2 ms) was served at 3 ms before t3, waiting since 1 ms (both queued at full capacity)', events: [8, 9, 12] },
      ]);
    });

    it('an earlier caller that found capacity free was in no queue', () => {
      const h = history().connect('c1').borrow('t1', 'c1').at(1).acquire('t3').connectStart('c2').acquire('t4').at(3).release('t1', 'c1').served('t4', 'c1');
      expect(arrivalOrder(run(h, whenFull))).toEqual([]);
      expect(arrivalOrder(run(h))).toHaveLength(1);
    });

    it('a later caller that found an idle session was in no queue', () => {
      const h = history().connect('c1').connect('c2').borrow('t1', 'c1').at(1).acquire('t3').at(2).acquire('t4').served('t4', 'c2');
      expect(arrivalOrder(run(h, whenFull))).toEqual([]);
    });
  });

  it("fifo 'every-caller' counts every pending caller", () => {
    const h = history().connect('c1').borrow('t1', 'c1').at(1).acquire('t3').connectStart('c2').acquire('t4').at(3).release('t1', 'c1').served('t4', 'c1');
    expect(arrivalOrder(run(h, { capabilities: { fifo: 'every-caller' } }))).toHaveLength(1);
  });
});
