// The probe judgement shared by LEAK-1, TIME-3, ERR-1, ERR-2 and QUERY-1 (capacity 2).
import { describe, expect, it } from 'vitest';
import { fullCapacityAgain } from '../../src/checkers/fullCapacityAgain.ts';
import { history, run } from './history.ts';

const check = fullCapacityAgain('LEAK-1', 'after every borrower was done');

describe('fullCapacityAgain', () => {
  it('the probe borrows the full capacity and every session is in its hands', () => {
    const h = history().connect('c1').connect('c2').borrow('p1', 'c1').borrow('p2', 'c2').marker('probe');
    expect(check(run(h))).toEqual([]);
  });

  it('the probe could borrow only part of the capacity', () => {
    const h = history().connect('c1').borrow('p1', 'c1').at(40).acquire('p2').marker('probe');
    expect(check(run(h))).toEqual([
      { rule: 'LEAK-1', message: 'after every borrower was done, only 1 of 2 connections could be borrowed again (probe at 40 ms)', events: [5] },
    ]);
  });

  it('a probe borrower that gave up on an error other than a timeout is named', () => {
    const h = history().connect('c1').borrow('p1', 'c1').acquire('p2').at(30).refused('p2', 'other', 'pool is draining').at(40).marker('probe');
    expect(check(run(h))).toEqual([
      {
        rule: 'LEAK-1',
        message: 'after every borrower was done, only 1 of 2 connections could be borrowed again (probe at 40 ms); p2 gave up at 30 ms on "pool is draining"',
        events: [6, 5],
      },
    ]);
  });

  it('a probe borrower that timed out is not named (the probe retries timeouts)', () => {
    const h = history().connect('c1').borrow('p1', 'c1').acquire('p2').refused('p2', 'timeout').acquire('t9').refused('t9', 'other').marker('probe');
    expect(check(run(h))[0]!.message).toBe('after every borrower was done, only 1 of 2 connections could be borrowed again (probe at 0 ms)');
  });

  it('leases of the workload, or after the probe marker, are not the probe', () => {
    const h = history().connect('c1').connect('c2').borrow('t1', 'c1').borrow('p1', 'c2').marker('probe').borrow('p2', 'c1');
    expect(check(run(h))[0]!.message).toMatch(/only 1 of 2 connections/);
  });

  it('a session open outside the probe while it held the full capacity', () => {
    const h = history().connect('c1').connect('c2').connect('c3').borrow('p1', 'c1').borrow('p2', 'c2').at(9).marker('probe');
    expect(check(run(h, { config: { size: 1, maxOverflow: 1 } }))).toEqual([
      { rule: 'LEAK-1', message: "after every borrower was done, c3 stayed open outside the probe's hands while it held the full capacity", events: [10] },
    ]);
  });

  it('a session open outside the probe while it waited for more', () => {
    const h = history().connect('c1').connect('c2').borrow('p1', 'c1').marker('probe');
    const found = check(run(h, { config: { size: 3 } }));
    expect(found.map((v) => v.message)).toEqual(['after every borrower was done, only 1 of 3 connections could be borrowed again (probe at 0 ms)']);
    const timeoutShort = check(run(h, { config: { size: 3, acquireTimeoutMs: 10 }, defaultConnectMs: 10 }));
    expect(timeoutShort).toEqual([
      { rule: 'LEAK-1', message: "after every borrower was done, c2 stayed open outside the probe's hands while it waited for 2 more connection(s)", events: [6] },
    ]);
  });

  it('several sessions outside the probe are listed', () => {
    const h = history().connect('c1').connect('c2').connect('c3').connect('c4').borrow('p1', 'c1').borrow('p2', 'c2').marker('probe');
    expect(check(run(h))[0]?.message).toBe("after every borrower was done, c3, c4 stayed open outside the probe's hands while it held the full capacity");
  });

  it("the server's audit after the probe marker says which sessions are open", () => {
    const h = history().connect('c1').connect('c2').borrow('p1', 'c1').borrow('p2', 'c2').marker('probe').audit(['c1', 'c2', 'c8']);
    expect(check(run(h))[0]!.message).toMatch(/^after every borrower was done, c8 stayed open/);
  });

  it('a shortfall with an acquire timeout not longer than a connect is not judged', () => {
    const h = history().connect('c1').borrow('p1', 'c1').marker('probe');
    expect(check(run(h, { config: { acquireTimeoutMs: 10 }, defaultConnectMs: 10 }))).toEqual([]);
    expect(check(run(h, { config: { acquireTimeoutMs: 10 }, defaultConnectMs: 5, tolerance: { connectMs: 10 } }))).toEqual([]);
  });

  it('a shortfall with an acquire timeout longer than a connect is judged', () => {
    const h = history().connect('c1').borrow('p1', 'c1').marker('probe');
    expect(check(run(h, { config: { acquireTimeoutMs: 11 }, defaultConnectMs: 10, tolerance: { connectMs: 10 } }))).toHaveLength(1);
    expect(check(run(h, { config: { acquireTimeoutMs: 11 }, defaultConnectMs: 5, tolerance: { connectMs: 10 } }))).toHaveLength(1);
    expect(check(run(h, { config: { acquireTimeoutMs: 11 }, defaultConnectMs: 10, tolerance: { connectMs: 5 } }))).toHaveLength(1);
  });

  it('a run without a probe is not judged', () => {
    const h = history().connect('c1').connect('c2').connect('c3');
    expect(check(run(h))).toEqual([]);
  });

  it('a shortfall and an orphan at once: one violation, the shortfall', () => {
    const h = history().connect('c1').connect('c2').borrow('p1', 'c1').marker('probe');
    expect(check(run(h, { config: { size: 3 } }))).toHaveLength(1);
  });

  describe('connects that never answered hold their slots', () => {
    it('the probe expects the capacity less the hung connects', () => {
      const h = history().connectStart('c2').connect('c1').borrow('p1', 'c1').marker('probe');
      expect(check(run(h))).toEqual([]);
    });

    it('a shortfall beyond them is judged, and the message counts them', () => {
      const h = history().connectStart('c3').connect('c1').borrow('p1', 'c1').at(40).marker('probe');
      expect(check(run(h, { config: { size: 3 } }))).toEqual([
        {
          rule: 'LEAK-1',
          message: 'after every borrower was done, only 1 of 3 connections could be borrowed again (probe at 40 ms; 1 connect(s) never answered and hold their slots, so 2 were expected)',
          events: [5],
        },
      ]);
    });

    it('a connect answered before the probe, or failed, holds no slot', () => {
      const answered = history().connectStart('c2').connect('c1').borrow('p1', 'c1').connected('c2').disconnect('c2').marker('probe');
      expect(check(run(answered))[0]?.message).toBe('after every borrower was done, only 1 of 2 connections could be borrowed again (probe at 0 ms)');
      const failed = history().connectStart('c2').connectFailed('c2').connect('c1').borrow('p1', 'c1').marker('probe');
      expect(check(run(failed))).toHaveLength(1);
    });
  });

  describe('a pool that pings what it hands out', () => {
    it('a shortfall with an acquire timeout not longer than a connect and two pings is not judged', () => {
      const h = history().connect('c1').borrow('p1', 'c1').marker('probe');
      expect(check(run(h, { config: { acquireTimeoutMs: 26 }, defaultConnectMs: 10, pingMs: 8 }))).toEqual([]);
      expect(check(run(h, { config: { acquireTimeoutMs: 27 }, defaultConnectMs: 10, pingMs: 8 }))).toHaveLength(1);
      expect(check(run(h, { config: { acquireTimeoutMs: 26 }, defaultConnectMs: 5, pingMs: 8, tolerance: { connectMs: 10 } }))).toEqual([]);
    });

    it('a session pinged for the probe after the quiet point is in the pool\'s hands, not an orphan', () => {
      const h = history().connect('c1').connect('c2').marker('quiet').borrow('p1', 'c1').invoke('pool', 'ping', { conn: 'c2' }).at(40).marker('probe');
      expect(check(run(h))[0]?.message).toBe('after every borrower was done, only 1 of 2 connections could be borrowed again (probe at 40 ms)');
    });

    it('a ping before the quiet point, or after the probe, does not count', () => {
      const before = history().connect('c1').connect('c2').invoke('pool', 'ping', { conn: 'c2' }).marker('quiet').borrow('p1', 'c1').marker('probe');
      expect(check(run(before, { config: { size: 3 } })).map((f) => f.message)).toEqual([
        'after every borrower was done, only 1 of 3 connections could be borrowed again (probe at 0 ms)',
      ]);
      const orphanOnly = history().connect('c1').connect('c2').marker('quiet').borrow('p1', 'c1').borrow('p2', 'c3').marker('probe').invoke('pool', 'ping', { conn: 'c2' });
      expect(check(run(orphanOnly))[0]?.message).toBe("after every borrower was done, c2 stayed open outside the probe's hands while it held the full capacity");
    });

    it('without a quiet marker every ping before the probe counts', () => {
      const h = history().connect('c1').connect('c2').connect('c3').borrow('p1', 'c1').borrow('p2', 'c2').invoke('pool', 'ping', { conn: 'c3' }).marker('probe');
      expect(check(run(h))).toEqual([]);
    });
  });

  it('a quiet phase that was skipped: the probe is not judged, a note says why', () => {
    const h = history().connect('c1').at(30).marker('quiet', 'skipped: 2 task(s) still waiting').marker('probe');
    expect(check(run(h))).toEqual([{ rule: 'LEAK-1', notJudged: "the pool never got quiet: at the work phase's horizon (30 ms) 2 task(s) still waiting" }]);
  });

  it('a session pinged before the quiet point and left outside the probe is an orphan', () => {
    const h = history().connect('c1').connect('c2').connect('c3').invoke('pool', 'ping', { conn: 'c3' }).marker('quiet').borrow('p1', 'c1').borrow('p2', 'c2').marker('probe');
    expect(check(run(h))[0]?.message).toBe("after every borrower was done, c3 stayed open outside the probe's hands while it held the full capacity");
  });
});
