// CLOSE-1: each branch of cleanClose over a hand-written history.
import { describe, expect, it } from 'vitest';
import { cleanClose } from '../../src/checkers/cleanClose.ts';
import { history, run } from './history.ts';

describe('cleanClose', () => {
  it('a clean close: later acquires rejected as closed, every session closed', () => {
    const h = history().connect('c1').at(5).close().disconnect('c1').closed().acquire('t1').refused('t1', 'closed').marker('end');
    expect(cleanClose(run(h))).toEqual([]);
  });

  it('an acquire after close that was served', () => {
    const h = history().connect('c1').at(5).close().at(6).borrow('t1', 'c1').release('t1', 'c1').disconnect('c1').marker('end');
    expect(cleanClose(run(h))).toEqual([
      { rule: 'CLOSE-1', message: 't1 called acquire at 6 ms on a closed pool and it was given c1, not with a closed-pool error', events: [2, 3, 4] },
    ]);
  });

  it('an acquire after close that failed with another error', () => {
    const h = history().at(5).close().at(6).acquire('t1').refused('t1', 'other', 'boom').marker('end');
    expect(cleanClose(run(h))[0]?.message).toBe('t1 called acquire at 6 ms on a closed pool and it failed with "boom", not with a closed-pool error');
  });

  it('an acquire after close that never settled', () => {
    const h = history().at(5).close().at(6).acquire('t1').at(9).marker('end');
    expect(cleanClose(run(h))).toEqual([
      { rule: 'CLOSE-1', message: 't1 called acquire at 6 ms on a closed pool and it never settled, not with a closed-pool error', events: [0, 1] },
    ]);
  });

  it('a waiter at close that was never rejected or served', () => {
    const h = history().connect('c1').borrow('t0', 'c1').at(2).acquire('t1').at(5).close().at(9).marker('end');
    expect(cleanClose(run(h))).toEqual([
      { rule: 'CLOSE-1', message: 't1 was waiting when the pool was closed at 5 ms and was never rejected or served', events: [4, 5, 6] },
    ]);
  });

  it('a waiter at close that was rejected, or served', () => {
    const h = history().acquire('t1').acquire('t2').at(5).close().refused('t1', 'closed').served('t2', 'c1').marker('end');
    expect(cleanClose(run(h))).toEqual([]);
  });

  it('close() that never settled', () => {
    const h = history().at(5).close().at(9).marker('end', 'close never settled');
    expect(cleanClose(run(h))).toEqual([
      { rule: 'CLOSE-1', message: 'close() from 5 ms never settled, although every borrower gave back what it held', events: [0, 1] },
    ]);
  });

  it('an end marker with another note is no unsettled close', () => {
    const h = history().connect('c1').at(5).close().disconnect('c1').closed().marker('end', 'drained in 3 ms');
    expect(cleanClose(run(h))).toEqual([]);
  });

  it('a session still open at the end', () => {
    const h = history().connect('c1').connect('c2').at(5).close().disconnect('c1').marker('end');
    expect(cleanClose(run(h))).toEqual([
      { rule: 'CLOSE-1', message: 'after close and every connection returned, c2 stayed open at the server', events: [4, 6] },
    ]);
  });

  it("the server's audit after the end marker is what counts (live mode)", () => {
    const h = history().connect('c1').connect('c2').at(5).close().disconnect('c1').disconnect('c2').marker('end').audit(['c2', 'c3']);
    expect(cleanClose(run(h))[0]?.message).toBe('after close and every connection returned, c2, c3 stayed open at the server');
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
