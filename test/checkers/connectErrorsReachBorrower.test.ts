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
    // An acquire timeout in force keeps the silent-retry judgement out of it (see below).
    const h = history().acquire('t1').connectStart('c1').connectFailed('c1').close().refused('t1', 'closed');
    expect(connectErrorsReachBorrower(run(h, { config: { acquireTimeoutMs: 100 } }))).toEqual([]);
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
    expect(connectErrorsReachBorrower(run(h, { config: { acquireTimeoutMs: 100 } }))).toEqual([]);
  });

  describe('a failed connect made for a waiter with no acquire timeout must reach a waiter (silent retries)', () => {
    it('nobody heard of it: the waiter never settled', () => {
      const h = history().acquire('t1').at(2).connectStart('c1').at(4).connectFailed('c1');
      expect(connectErrorsReachBorrower(run(h))).toEqual([
        {
          rule: 'ERR-1',
          message: `c1's connect, begun at 2 ms while 1 borrower(s) with no acquire timeout waited, failed at 4 ms ("connect c1 refused") and no waiting borrower got that error or a timeout: t1 (waiting since 0 ms) never settled`,
          events: [1, 0, 2],
        },
      ]);
    });

    it('nobody heard of it: the waiter was served after a retry', () => {
      const h = history().acquire('t1').connectStart('c1').at(4).connectFailed('c1').connectStart('c2').at(9).connected('c2').served('t1', 'c2');
      expect(connectErrorsReachBorrower(run(h))).toEqual([
        {
          rule: 'ERR-1',
          message: `c1's connect, begun at 0 ms while 1 borrower(s) with no acquire timeout waited, failed at 4 ms ("connect c1 refused") and no waiting borrower got that error or a timeout: t1 (waiting since 0 ms) was served c2 at 9 ms`,
          events: [1, 0, 2, 5],
        },
      ]);
    });

    it('nobody heard of it: the waiter failed later, at close, with a closed-pool error', () => {
      const h = history().acquire('t1').connectStart('c1').connectFailed('c1').at(30).close().refused('t1', 'closed');
      expect(connectErrorsReachBorrower(run(h))[0]).toMatchObject({
        message: expect.stringMatching(/: t1 \(waiting since 0 ms\) failed at 30 ms with "closed error"$/),
        events: [1, 0, 2, 4],
      });
    });

    it('at most three waiters are named, the count says how many waited', () => {
      const h = history().acquire('t1').acquire('t2').acquire('t3').acquire('t4').connectStart('c1').connectFailed('c1');
      const message = connectErrorsReachBorrower(run(h))[0]?.message;
      expect(message).toMatch(/while 4 borrower\(s\) with no acquire timeout waited/);
      expect(message).toMatch(/: t1 \(waiting since 0 ms\) never settled; t2 \(waiting since 0 ms\) never settled; t3 \(waiting since 0 ms\) never settled$/);
    });

    it('one waiter that got the connect error, or a timeout, is enough: which one is the pool\'s choice', () => {
      const told = history().acquire('t1').acquire('t2').connectStart('c1').connectFailed('c1').refused('t2', 'connect', 'connect c1 refused');
      expect(connectErrorsReachBorrower(run(told))).toEqual([]);
      const timedOut = history().acquire('t1').acquire('t2').connectStart('c1').connectFailed('c1').at(5).refused('t2', 'timeout');
      expect(connectErrorsReachBorrower(run(timedOut))).toEqual([]);
    });

    it('a waiter served meanwhile, or told before the failure, did not hear of it', () => {
      const h = history().acquire('t1').acquire('t2').connectStart('c1').refused('t2', 'timeout').connectFailed('c1');
      expect(connectErrorsReachBorrower(run(h))[0]?.message).toMatch(/^c1's connect, begun at 0 ms while 1 borrower\(s\)/);
    });

    it('a waiter with an acquire timeout in force (its own, configured, or the default) is bounded by it', () => {
      const h = history().acquire('t1').connectStart('c1').connectFailed('c1');
      expect(connectErrorsReachBorrower(run(h, { config: { acquireTimeoutMs: 100 } }))).toEqual([]);
      expect(connectErrorsReachBorrower(run(h, { capabilities: { acquireTimeout: { covers: 'whole-acquire', defaultMs: 30_000 } } }))).toEqual([]);
    });

    it('a borrower that arrived after the connect began, or after it failed, was not waited for by it', () => {
      const arrivedLater = history().connectStart('c1').acquire('t1').connectFailed('c1');
      expect(connectErrorsReachBorrower(run(arrivedLater))).toEqual([]);
      const arrivedAfter = history().connectStart('c1').connectFailed('c1').acquire('t1');
      expect(connectErrorsReachBorrower(run(arrivedAfter))).toEqual([]);
    });

    it('a borrower that stopped waiting before the connect failed was not waited for', () => {
      const h = history().acquire('t1').connectStart('c1').connect('c2').served('t1', 'c2').connectFailed('c1');
      expect(connectErrorsReachBorrower(run(h))).toEqual([]);
    });

    it('a connect that failed after close is not judged', () => {
      const h = history().acquire('t1').connectStart('c1').close().connectFailed('c1');
      expect(connectErrorsReachBorrower(run(h))).toEqual([]);
    });

    it('a failed connect without its invoke in the history is not judged', () => {
      const h = history().acquire('t1');
      const events = [...h.events, { i: 1, op: 9, task: 'server', kind: 'connect' as const, phase: 'fail' as const, at: 0, conn: 'c1', error: { class: 'connect' as const, message: 'x' } }];
      expect(connectErrorsReachBorrower(run(events))).toEqual([]);
    });

    it('an acquire that failed with another error before close is judged first', () => {
      const h = history().acquire('t1').acquire('t2').connectStart('c1').connectFailed('c1').refused('t2', 'other', 'boom');
      expect(connectErrorsReachBorrower(run(h))[0]?.message).toMatch(/^t2's acquire failed with "boom"/);
    });
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

  it('the failed connect is judged from its own begin, not an earlier connect\'s', () => {
    const h = history().connectStart('c1').connected('c1').acquire('t1').connectStart('c2').connectFailed('c2');
    expect(connectErrorsReachBorrower(run(h))[0]?.message).toMatch(/^c2's connect, begun at 0 ms while 1 borrower/);
  });
});
