// BOUND-3: reachableCapacity reports the stretches that begin with an arriving borrower.
import { describe, expect, it } from 'vitest';
import { reachableCapacity } from '../../src/checkers/reachableCapacity.ts';
import { history, run } from './history.ts';

describe('reachableCapacity', () => {
  it('a borrower that arrives to free capacity and is left waiting', () => {
    const h = history().at(3).acquire('t1').at(8).connect('c1').served('t1', 'c1');
    expect(reachableCapacity(run(h))).toEqual([
      { rule: 'BOUND-3', message: 't1 arrived at 3 ms with 2 of 2 connections free and was left waiting for 5 ms', events: [0, 1] },
    ]);
  });

  it('a borrower served at the instant it arrives', () => {
    const h = history().at(3).acquire('t1').connect('c1').served('t1', 'c1');
    expect(reachableCapacity(run(h))).toEqual([]);
  });

  it('a waiter left beside capacity freed by a release is WAIT-1, not BOUND-3', () => {
    const h = history().connect('c1').borrow('t1', 'c1').at(1).acquire('t2');
    // Capacity 1: t2 waits for c1; the release frees it but t2 is served only 4 ms later.
    h.at(2).release('t1', 'c1').at(6).served('t2', 'c1');
    expect(reachableCapacity(run(h, { config: { size: 1 } }))).toEqual([]);
  });

  it('only the first such stretch is reported', () => {
    const h = history().at(0).acquire('t1').at(5).connect('c1').served('t1', 'c1').at(10).acquire('t2').at(15).connect('c2').served('t2', 'c2');
    const found = reachableCapacity(run(h));
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(/^t1 arrived at 0 ms/);
  });
});
