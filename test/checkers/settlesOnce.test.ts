// SETTLE-1: each branch of settlesOnce over a hand-written history.
import { describe, expect, it } from 'vitest';
import { settlesOnce } from '../../src/checkers/settlesOnce.ts';
import { NOTHING_LEFT } from '../../src/history/History.ts';
import type { Finding } from '../../src/checkers/Violation.ts';
import { history, run } from './history.ts';

/** The reason of the first finding when it is a "not judged" note. */
const noteOf = (findings: readonly Finding[]): string | undefined => {
  const first = findings[0];
  return first && 'notJudged' in first ? first.notJudged : undefined;
};

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
    expect(settlesOnce(run(h))[0]?.message).toBe("t1's acquire from 3 ms had not settled 832.1 ms after close, when the run ended");
  });

  it('an acquire still pending at the end of a run that never closed: no close time in the message', () => {
    const h = history().at(3).acquire('t1').at(50).marker('end', 'drained');
    expect(settlesOnce(run(h))[0]?.message).toBe("t1's acquire from 3 ms had not settled when the run ended");
  });

  it('an acquire that settled only as the run was torn down was pending when it ended', () => {
    const served = history().at(3).acquire('t1').at(5).close().at(9).marker('end').at(10).served('t1', 'c1');
    expect(settlesOnce(run(served))).toEqual([
      { rule: 'SETTLE-1', message: "t1's acquire from 3 ms had not settled 4 ms after close, when the run ended (it was served only as the run was torn down)", events: [0, 2] },
    ]);
    const failed = history().at(3).acquire('t1').at(5).close().at(9).marker('end').at(10).refused('t1', 'closed');
    expect(settlesOnce(run(failed))[0]?.message).toMatch(/\(it failed only as the run was torn down\)$/);
  });

  it('an acquire that settled before the end and again in the teardown settled twice', () => {
    const h = history().acquire('t1').served('t1', 'c1').at(5).marker('end').refused('t1', 'closed');
    expect(settlesOnce(run(h))[0]?.message).toBe("t1's acquire settled 2 times");
  });

  describe('an acquire pending at the end whose own timeout outlasts the drain is not judged', () => {
    it('a note says why', () => {
      const h = history().at(3).acquire('t1').at(5).close().at(9).marker('end');
      expect(settlesOnce(run(h, { config: { acquireTimeoutMs: 400_000 } }))).toEqual([
        { rule: 'SETTLE-1', notJudged: 'the acquire timeout (as configured, 400,000 ms) outlasts the drain after close (at most 300,000 ms)' },
      ]);
    });

    it("the pool's default timeout and the call's own are said as such; live mode says real ms", () => {
      const h = history().at(3).acquire('t1').at(5).close().at(9).marker('end');
      const byDefault = run(h, { capabilities: { acquireTimeout: { covers: 'whole-acquire', defaultMs: 400_000 } } });
      expect(noteOf(settlesOnce(byDefault))).toBe("the acquire timeout (the pool's default, 400,000 ms) outlasts the drain after close (at most 300,000 ms)");
      expect(noteOf(settlesOnce({ ...byDefault, scale: 2 }))).toBe("the acquire timeout (the pool's default, 800,000 real ms) outlasts the drain after close (at most 600,000 real ms)");
      const own = run(h);
      const withTask = { ...own, workload: { ...own.workload, tasks: [{ kind: 'borrow', timeoutMs: 400_000 } as never] } };
      expect(noteOf(settlesOnce(withTask))).toMatch(/^the acquire timeout \(the call's own, 400,000 ms\)/);
    });

    it('a violation by another acquire wins over the note', () => {
      const h = history().at(3).acquire('t1').acquire('t2').served('t2', 'c1').refused('t2', 'timeout').at(5).close().at(9).marker('end');
      expect(settlesOnce(run(h, { config: { acquireTimeoutMs: 400_000 } }))).toEqual([
        { rule: 'SETTLE-1', message: "t2's acquire settled 2 times", events: [1, 2, 3] },
      ]);
    });

    it('with nothing left to run the acquire is judged whatever its timeout', () => {
      const h = history().at(3).acquire('t1').at(5).close().at(9).marker('end', NOTHING_LEFT);
      expect(settlesOnce(run(h, { config: { acquireTimeoutMs: 400_000 } }))[0]?.message).toBe("t1's acquire from 3 ms never settled, not even after the pool was closed");
    });

    it('a timeout that fits in the drain, tolerance included, is judged', () => {
      const h = history().at(3).acquire('t1').at(5).close().at(9).marker('end');
      expect(settlesOnce(run(h, { config: { acquireTimeoutMs: 4 }, tolerance: { timeoutMs: 2 } }))[0]?.message).toMatch(/had not settled/);
      expect(noteOf(settlesOnce(run(h, { config: { acquireTimeoutMs: 4 }, tolerance: { timeoutMs: 3 } })))).toMatch(/outlasts the drain/);
    });
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

  it('of several acquires the run could not judge, one note is reported', () => {
    const h = history().acquire('t1').acquire('t2').at(5).close().at(9).marker('end');
    expect(settlesOnce(run(h, { config: { acquireTimeoutMs: 400_000 } }))).toHaveLength(1);
  });
});
