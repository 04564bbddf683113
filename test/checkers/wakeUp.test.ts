// WAIT-1: wakeUp reports the stretches that begin with capacity freeing up while others wait.
import { describe, expect, it } from 'vitest';
import { wakeUp } from '../../src/checkers/wakeUp.ts';
import { history, run } from './history.ts';

const one = { config: { size: 1 } };

describe('wakeUp', () => {
  it('a release that leaves the waiter unserved (a lost wake-up)', () => {
    const h = history().connect('c1').borrow('t1', 'c1').at(1).acquire('t2').at(2).release('t1', 'c1').at(9).served('t2', 'c1');
    expect(wakeUp(run(h, one))).toEqual([
      { rule: 'WAIT-1', message: 'after t1 release of c1 at 2 ms, 1 connection(s) were free but 1 waiter(s) were not served for 7 ms', events: [5, 7] },
    ]);
  });

  it('a waiter served at the instant of the release', () => {
    const h = history().connect('c1').borrow('t1', 'c1').at(1).acquire('t2').at(2).release('t1', 'c1').served('t2', 'c1');
    expect(wakeUp(run(h, one))).toEqual([]);
  });

  it('a stretch that starts with a server event names its phase and connection', () => {
    // t1 waits for c1's connect; it fails at 2 ms and nobody retries until 6 ms.
    const h = history().at(0).acquire('t1').connectStart('c1').at(2).connectFailed('c1').at(6).connect('c2').served('t1', 'c2');
    expect(wakeUp(run(h, one))).toEqual([
      { rule: 'WAIT-1', message: 'after server connect fail of c1 at 2 ms, 1 connection(s) were free but 1 waiter(s) were not served for 4 ms', events: [2, 3] },
    ]);
  });

  it('a stretch that starts with an event without a connection names none', () => {
    // A lease the harness could not identify: acquired and released without a connection named.
    const h = history().acquire('t1').ok('t1', 'acquire').at(1).acquire('t2').at(2).invoke('t1', 'release').at(5).connect('c1').served('t2', 'c1');
    expect(wakeUp(run(h, one))).toEqual([
      { rule: 'WAIT-1', message: 'after t1 release at 2 ms, 1 connection(s) were free but 1 waiter(s) were not served for 3 ms', events: [3, 4] },
    ]);
  });

  it('a borrower left waiting on arrival is BOUND-3, not WAIT-1', () => {
    const h = history().at(3).acquire('t1').at(8).connect('c1').served('t1', 'c1');
    expect(wakeUp(run(h))).toEqual([]);
  });

  it('only the first such stretch is reported', () => {
    const h = history().connect('c1').borrow('t1', 'c1').acquire('t2').at(2).release('t1', 'c1').at(4).served('t2', 'c1');
    h.acquire('t3').at(5).release('t2', 'c1').at(8).served('t3', 'c1');
    const found = wakeUp(run(h, one));
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(/^after t1 release of c1 at 2 ms/);
  });
});
