// CLOSE-1: each branch of cleanClose over a hand-written history.
import { describe, expect, it } from 'vitest';
import { cleanClose } from '../../src/checkers/cleanClose.ts';
import { NOTHING_LEFT } from '../../src/history/History.ts';
import { history, run } from './history.ts';

describe('cleanClose', () => {
  it('a clean close: later acquires rejected as closed, every session closed', () => {
    const h = history().connect('c1').at(5).close().disconnect('c1').closed().acquire('t1').refused('t1', 'closed').marker('end');
    expect(cleanClose(run(h))).toEqual([]);
  });

  it('an acquire after close that was served', () => {
    const h = history().connect('c1').at(5).close().at(6).borrow('t1', 'c1').release('t1', 'c1').disconnect('c1').marker('end');
    expect(cleanClose(run(h))).toEqual([
      { rule: 'CLOSE-1', message: 't1 called acquire at 6 ms on a pool closed at 5 ms and it was given c1 1 ms after close, not with a closed-pool error', events: [2, 3, 4] },
    ]);
  });

  it('an acquire after close that failed with another error', () => {
    const h = history().at(5).close().at(6).acquire('t1').refused('t1', 'other', 'boom').marker('end');
    expect(cleanClose(run(h))[0]?.message).toBe('t1 called acquire at 6 ms on a pool closed at 5 ms and it failed 1 ms after close with "boom", not with a closed-pool error');
  });

  it('an acquire after close that never settled', () => {
    const h = history().at(5).close().at(6).acquire('t1').at(9).marker('end');
    expect(cleanClose(run(h))).toEqual([
      { rule: 'CLOSE-1', message: 't1 called acquire at 6 ms on a pool closed at 5 ms and it had not settled 4 ms after close, when the run ended, not with a closed-pool error', events: [0, 1, 2] },
    ]);
  });

  it('a waiter at close that was never rejected or served', () => {
    const h = history().connect('c1').borrow('t0', 'c1').at(2).acquire('t1').at(5).close().at(9).marker('end');
    expect(cleanClose(run(h))).toEqual([
      { rule: 'CLOSE-1', message: 't1 was waiting when the pool was closed at 5 ms and had not settled 4 ms after close, when the run ended, neither rejected nor served', events: [4, 5, 6] },
    ]);
  });

  it('a waiter at close that was rejected, or served', () => {
    const h = history().acquire('t1').acquire('t2').at(5).close().refused('t1', 'closed').served('t2', 'c1').marker('end');
    expect(cleanClose(run(h))).toEqual([]);
  });

  it('close() that never settled', () => {
    const h = history().at(5).close().at(9).marker('end', 'close never settled');
    expect(cleanClose(run(h))).toEqual([
      { rule: 'CLOSE-1', message: 'close() from 5 ms had not settled 4 ms after close, although every borrower gave back what it held', events: [0, 1] },
    ]);
  });

  it('an end marker with another note is no unsettled close', () => {
    const h = history().connect('c1').at(5).close().disconnect('c1').closed().marker('end', 'drained in 3 ms');
    expect(cleanClose(run(h))).toEqual([]);
  });

  it('a session still open at the end', () => {
    const h = history().connect('c1').connect('c2').at(5).close().disconnect('c1').marker('end');
    expect(cleanClose(run(h))).toEqual([
      { rule: 'CLOSE-1', message: 'after close and every connection returned, c2 stayed open at the server 0 ms after close', events: [4, 6] },
    ]);
  });

  it("the server's audit after the end marker is what counts (live mode)", () => {
    const h = history().connect('c1').connect('c2').at(5).close().disconnect('c1').disconnect('c2').marker('end').audit(['c2', 'c3']);
    expect(cleanClose(run(h))[0]?.message).toBe('after close and every connection returned, c2, c3 stayed open at the server 0 ms after close');
  });

  it('with nothing left to run, what is pending never settled', () => {
    const after = history().at(5).close().at(6).acquire('t1').at(9).marker('end', NOTHING_LEFT);
    expect(cleanClose(run(after))[0]?.message).toBe('t1 called acquire at 6 ms on a pool closed at 5 ms and it never settled, not with a closed-pool error');
    const waiter = history().acquire('t1').at(5).close().at(9).marker('end', NOTHING_LEFT);
    expect(cleanClose(run(waiter))[0]?.message).toBe('t1 was waiting when the pool was closed at 5 ms and never settled, neither rejected nor served');
  });

  it('an acquire after close settled only as the run was torn down: pending when it ended, and when it settled', () => {
    const served = history().connect('c1').at(5).close().at(6).acquire('t1').at(9).marker('end').at(12).served('t1', 'c1');
    expect(cleanClose(run(served))).toEqual([
      {
        rule: 'CLOSE-1',
        message: 't1 called acquire at 6 ms on a pool closed at 5 ms and it had not settled 4 ms after close, when the run ended (it was served 7 ms after close, as the run was torn down), not with a closed-pool error',
        events: [2, 3, 4],
      },
    ]);
    const failed = history().at(5).close().at(6).acquire('t1').at(9).marker('end').at(12).refused('t1', 'closed');
    expect(cleanClose(run(failed))[0]?.message).toMatch(/\(it failed 7 ms after close, as the run was torn down\), not with/);
  });

  it('a waiter at close settled only as the run was torn down', () => {
    const h = history().acquire('t1').at(5).close().at(9).marker('end').at(10).refused('t1', 'closed');
    expect(cleanClose(run(h))).toEqual([
      {
        rule: 'CLOSE-1',
        message: 't1 was waiting when the pool was closed at 5 ms and had not settled 4 ms after close, when the run ended, neither rejected nor served (it failed 5 ms after close, as the run was torn down)',
        events: [0, 1, 2],
      },
    ]);
  });

  describe('an acquire pending at the end whose own timeout outlasts the drain is not judged', () => {
    const beyond = { config: { acquireTimeoutMs: 400_000 } };

    it('a waiter at close: a note says why, nothing is blamed', () => {
      const h = history().acquire('t1').at(5).close().at(9).marker('end');
      expect(cleanClose(run(h, beyond))).toEqual([
        { rule: 'CLOSE-1', notJudged: 'the acquire timeout (as configured, 400,000 ms) outlasts the drain after close (at most 300,000 ms)' },
      ]);
    });

    it('an acquire after close, or one that settled in the teardown, the same', () => {
      const after = history().at(5).close().at(6).acquire('t1').at(9).marker('end');
      expect(cleanClose(run(after, beyond))).toEqual([expect.objectContaining({ notJudged: expect.any(String) })]);
      const late = history().acquire('t1').at(5).close().at(9).marker('end').at(10).refused('t1', 'closed');
      expect(cleanClose(run(late, beyond))).toEqual([expect.objectContaining({ notJudged: expect.any(String) })]);
    });

    it('a later acquire the run could judge still fails the run', () => {
      const h = history().acquire('t1').at(5).close().at(6).acquire('t2').refused('t2', 'other', 'boom').at(9).marker('end');
      expect(cleanClose(run(h, beyond))[0]?.message).toMatch(/^t2 called acquire at 6 ms on a pool closed at 5 ms and it failed 1 ms after close with "boom"/);
    });

    it('the note comes before an unsettled close or a session left open: the pending acquire may hold them', () => {
      const h = history().connect('c1').acquire('t1').at(5).close().at(9).marker('end', 'close never settled');
      expect(cleanClose(run(h, beyond))).toEqual([expect.objectContaining({ rule: 'CLOSE-1', notJudged: expect.any(String) })]);
    });

    it('an acquire whose timeout fits in the drain is judged', () => {
      const h = history().acquire('t1').at(5).close().at(9).marker('end');
      expect(cleanClose(run(h, { config: { acquireTimeoutMs: 4 } }))[0]?.message).toMatch(/^t1 was waiting/);
    });
  });

  it('a run that never closed, or never ended, is not judged', () => {
    expect(cleanClose(run(history().connect('c1').acquire('t1').marker('end')))).toEqual([]);
    expect(cleanClose(run(history().connect('c1').close().acquire('t1')))).toEqual([]);
  });

  it('the first finding wins: a bad acquire before an unsettled close', () => {
    const h = history().close().acquire('t1').marker('end', 'close never settled');
    expect(cleanClose(run(h))[0]?.message).toMatch(/^t1 called acquire/);
  });
});
