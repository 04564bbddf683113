// ERR-1: each branch of connectErrorsReachBorrower over a hand-written history.
import { describe, expect, it } from 'vitest';
import { connectErrorsReachBorrower } from '../../src/checkers/connectErrorsReachBorrower.ts';
import { history, run } from './history.ts';

describe('connectErrorsReachBorrower', () => {
  it("the borrower gets the connect's own error", () => {
    const h = history().acquire('t1').connectStart('c1').connectFailed('c1').refused('t1', 'connect', 'connect c1 refused');
    expect(connectErrorsReachBorrower(run(h))).toEqual([]);
  });

  it('the borrower gets a timeout instead', () => {
    const h = history().acquire('t1').connectStart('c1').connectFailed('c1').at(10).refused('t1', 'timeout');
    expect(connectErrorsReachBorrower(run(h))).toEqual([]);
  });

  it('the borrower gets another error than the connect error', () => {
    const h = history().acquire('t1').connectStart('c1').at(2).connectFailed('c1').refused('t1', 'other', 'pool exhausted');
    expect(connectErrorsReachBorrower(run(h))).toEqual([
      {
        rule: 'ERR-1',
        message: `t1's acquire failed with "pool exhausted" instead of the connect error (c1: "connect c1 refused") or a timeout`,
        events: [2, 0, 3],
      },
    ]);
  });

  it('the borrower is told the pool is closed although nobody closed it', () => {
    const h = history().acquire('t1').connectStart('c1').connectFailed('c1').refused('t1', 'closed', 'pool is closed');
    expect(connectErrorsReachBorrower(run(h))[0]?.message).toMatch(/^t1's acquire failed with "pool is closed" instead of/);
  });

  it('a closed-pool error after close is for CLOSE-1', () => {
    const h = history().acquire('t1').connectStart('c1').connectFailed('c1').close().refused('t1', 'closed');
    expect(connectErrorsReachBorrower(run(h))).toEqual([]);
  });

  it('without a failed connect, no acquire failure is an ERR-1 finding', () => {
    const h = history().acquire('t1').refused('t1', 'other');
    expect(connectErrorsReachBorrower(run(h))).toEqual([]);
  });

  it('connects that succeeded are no failed connects', () => {
    const h = history().connect('c1').acquire('t1').refused('t1', 'other');
    expect(connectErrorsReachBorrower(run(h))).toEqual([]);
  });

  it('the cited connect is the one whose message the borrower quotes', () => {
    const h = history().acquire('t1').connectStart('c1').connectFailed('c1', 'ECONNRESET one').connectStart('c2').connectFailed('c2', 'ECONNREFUSED two');
    h.refused('t1', 'other', 'wrapped: ECONNRESET one');
    expect(connectErrorsReachBorrower(run(h))[0]).toMatchObject({ events: [2, 0, 5], message: expect.stringContaining('(c1: "ECONNRESET one")') });
  });

  it('else the latest failed connect before the failure', () => {
    const h = history().acquire('t1').connectStart('c1').connectFailed('c1').connectStart('c2').connectFailed('c2').refused('t1', 'other', 'unrelated');
    h.connectStart('c3').connectFailed('c3');
    expect(connectErrorsReachBorrower(run(h))[0]).toMatchObject({ events: [4, 0, 5], message: expect.stringContaining('(c2: "connect c2 refused")') });
  });

  it('else, with every failed connect after it, the first one', () => {
    // The borrower failed before any connect did (the pool gave up on its own); the first failed connect is cited.
    const h = history().acquire('t1').refused('t1', 'other', 'gave up').connectStart('c1').connectFailed('c1').connectStart('c2').connectFailed('c2');
    expect(connectErrorsReachBorrower(run(h))[0]).toMatchObject({ events: [3, 0, 1], message: expect.stringContaining('(c1: "connect c1 refused")') });
  });

  it('a failed connect that carries no error is cited without one', () => {
    const h = history().acquire('t1').connectStart('c1');
    const events = [...h.events, { i: 2, op: 2, task: 'server', kind: 'connect' as const, phase: 'fail' as const, at: 0, conn: 'c1' }];
    events.push({ i: 3, op: 1, task: 't1', kind: 'acquire', phase: 'fail', at: 0, error: { class: 'other', message: 'x' } } as never);
    expect(connectErrorsReachBorrower(run(events))[0]?.message).toBe(`t1's acquire failed with "x" instead of the connect error (c1: "undefined") or a timeout`);
  });

  it('a served acquire, or a failure of another operation, is not judged', () => {
    const h = history().connectStart('c1').connectFailed('c1').connect('c2').borrow('t1', 'c2').invoke('t1', 'use').fail('t1', 'use', { class: 'other', message: 'q' });
    expect(connectErrorsReachBorrower(run(h))).toEqual([]);
  });

  it('an acquire that never settled is for SETTLE-1, not ERR-1', () => {
    const h = history().acquire('t1').connectStart('c1').connectFailed('c1');
    expect(connectErrorsReachBorrower(run(h))).toEqual([]);
  });

  it('after the workload, capacity lost to the failed connects (the probe judgement, as ERR-1)', () => {
    const h = history().connectStart('c1').connectFailed('c1').at(20).connect('c2').borrow('p1', 'c2').marker('probe');
    expect(connectErrorsReachBorrower(run(h))).toEqual([
      { rule: 'ERR-1', message: 'after connect failures and the server recovering, only 1 of 2 connections could be borrowed again (probe at 20 ms)', events: [6] },
    ]);
  });

  it('without a failed connect, the probe judgement is not ERR-1 business', () => {
    const h = history().connect('c2').borrow('p1', 'c2').marker('probe');
    expect(connectErrorsReachBorrower(run(h))).toEqual([]);
  });
});
