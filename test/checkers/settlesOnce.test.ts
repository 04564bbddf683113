// SETTLE-1: each branch of settlesOnce over a hand-written history.
import { describe, expect, it } from 'vitest';
import { settlesOnce } from '../../src/checkers/settlesOnce.ts';
import { NOTHING_LEFT } from '../../src/history/History.ts';
import { history, run } from './history.ts';

describe('settlesOnce', () => {
  it('every acquire settled once', () => {
    const h = history().acquire('t1').served('t1', 'c1').acquire('t2').refused('t2', 'timeout').marker('end');
    expect(settlesOnce(run(h))).toEqual([]);
  });

  it('an acquire that settled twice', () => {
    const h = history().acquire('t1').served('t1', 'c1').refused('t1', 'timeout').marker('end');
    expect(settlesOnce(run(h))).toEqual([{ rule: 'SETTLE-1', message: "t1's acquire settled 2 times", events: [0, 1, 2] }]);
  });

  it('an acquire that never settled, with nothing left to run', () => {
    const h = history().at(3).acquire('t1').at(5).close().at(60_005).marker('end', `${NOTHING_LEFT}`);
    expect(settlesOnce(run(h))).toEqual([
      { rule: 'SETTLE-1', message: "t1's acquire from 3 ms never settled, not even after the pool was closed", events: [0, 2] },
    ]);
  });

  it('an acquire still pending when the drain after close ran out', () => {
    const h = history().at(3).acquire('t1').at(5).close().at(837.123456).marker('end', 'drained');
    expect(settlesOnce(run(h))[0]?.message).toBe("t1's acquire from 3 ms had not settled when the run ended, 832.12 ms after the pool was closed");
  });

  it('an acquire still pending at the end of a run that never closed: no close time in the message', () => {
    const h = history().at(3).acquire('t1').at(50).marker('end', 'drained');
    // Today's text, dangling comma included (see the test.fails below).
    expect(settlesOnce(run(h))[0]?.message).toBe("t1's acquire from 3 ms had not settled when the run ended,");
  });

  // Bug: when the run never closed, `after` is empty and the message ends in a dangling comma.
  it.fails('an acquire still pending at the end of a run that never closed reads as a sentence', () => {
    const h = history().at(3).acquire('t1').at(50).marker('end', 'drained');
    expect(settlesOnce(run(h))[0]?.message).toBe("t1's acquire from 3 ms had not settled when the run ended");
  });

  it('an acquire pending in a history without an end marker', () => {
    const h = history().at(3).acquire('t1').close();
    expect(settlesOnce(run(h))).toEqual([
      { rule: 'SETTLE-1', message: "t1's acquire from 3 ms never settled, not even after the pool was closed", events: [0] },
    ]);
  });

  it('results of other operations do not count as settling an acquire', () => {
    const h = history().acquire('t1').invoke('t1', 'use').ok('t1', 'use').marker('end', NOTHING_LEFT);
    expect(settlesOnce(run(h))).toHaveLength(1);
  });

  it('the first finding is reported once', () => {
    const h = history().acquire('t1').acquire('t2').marker('end', NOTHING_LEFT);
    expect(settlesOnce(run(h))).toHaveLength(1);
  });
});
