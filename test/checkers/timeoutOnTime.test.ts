// TIME-1: each branch of timeoutOnTime over a hand-written history (pool timeout 10 ms).
import { describe, expect, it } from 'vitest';
import { timeoutOf, timeoutOnTime } from '../../src/checkers/timeoutOnTime.ts';
import { history, run } from './history.ts';
import type { RunOptions } from './history.ts';

const t10: RunOptions = { config: { acquireTimeoutMs: 10 } };
const withTol = (timeoutMs: number): RunOptions => ({ ...t10, tolerance: { timeoutMs } });

describe('timeoutOf', () => {
  const invoke = (note?: string) => history().acquire('t1', note).events[0]!;
  it("is the acquire's own timeout when it has one, else the pool's", () => {
    expect(timeoutOf(invoke('timeout 150 ms'), 10)).toBe(150);
    expect(timeoutOf(invoke(), 10)).toBe(10);
    expect(timeoutOf(invoke(), null)).toBeNull();
  });
  it('reads only a note that is exactly a timeout', () => {
    expect(timeoutOf(invoke('no timeout 150 ms'), 10)).toBe(10);
    expect(timeoutOf(invoke('timeout 150 ms, then more'), 10)).toBe(10);
    expect(timeoutOf(invoke('timeout ms'), 10)).toBe(10);
  });
});

describe('timeoutOnTime', () => {
  it('a timeout before the deadline', () => {
    const h = history().at(5).acquire('t1').at(14).refused('t1', 'timeout');
    expect(timeoutOnTime(run(h, t10))).toEqual([
      { rule: 'TIME-1', message: "t1's acquire (from 5 ms, timeout 10 ms) timed out early, at 14 ms", events: [0, 1] },
    ]);
  });

  it('an early timeout while a connect that never answers is under way is not judged (the connect failure handed on)', () => {
    const hung = history().connectStart('c1').at(5).acquire('t1').at(14).refused('t1', 'timeout');
    expect(timeoutOnTime(run(hung, t10))).toEqual([]);
    const answered = history().connectStart('c1').at(5).acquire('t1').at(14).refused('t1', 'timeout').at(20).connected('c1');
    expect(timeoutOnTime(run(answered, t10))[0]?.message).toMatch(/timed out early, at 14 ms$/);
    const later = history().at(5).acquire('t1').at(14).refused('t1', 'timeout').connectStart('c1');
    expect(timeoutOnTime(run(later, t10))[0]?.message).toMatch(/timed out early, at 14 ms$/);
  });

  it('a timeout at the deadline', () => {
    const h = history().at(5).acquire('t1').at(15).refused('t1', 'timeout');
    expect(timeoutOnTime(run(h, t10))).toEqual([]);
  });

  it('a timeout early by no more than the tolerance', () => {
    const h = history().at(5).acquire('t1').at(13).refused('t1', 'timeout');
    expect(timeoutOnTime(run(h, withTol(2)))).toEqual([]);
    expect(timeoutOnTime(run(h, withTol(1)))[0]?.message).toMatch(/timed out early, at 13 ms$/);
  });

  it('an acquire that never settled although its deadline passed', () => {
    const h = history().at(5).acquire('t1');
    expect(timeoutOnTime(run(h, t10))).toEqual([{ rule: 'TIME-1', message: "t1's acquire (from 5 ms, timeout 10 ms) never settled", events: [0] }]);
  });

  it('a timeout after the deadline', () => {
    const h = history().at(5).acquire('t1').at(16).refused('t1', 'timeout');
    expect(timeoutOnTime(run(h, t10))).toEqual([
      { rule: 'TIME-1', message: "t1's acquire (from 5 ms, timeout 10 ms) was still waiting at 15 ms and settled only at 16 ms", events: [0, 1] },
    ]);
  });

  it('a timeout late by no more than the tolerance', () => {
    const h = history().at(5).acquire('t1').at(17).refused('t1', 'timeout');
    expect(timeoutOnTime(run(h, withTol(2)))).toEqual([]);
    expect(timeoutOnTime(run(h, withTol(1)))).toHaveLength(1);
  });

  it('served after the deadline', () => {
    const h = history().at(5).acquire('t1').at(20).served('t1', 'c1');
    expect(timeoutOnTime(run(h, t10))[0]?.message).toBe("t1's acquire (from 5 ms, timeout 10 ms) was still waiting at 15 ms and settled only at 20 ms");
  });

  it('served before the deadline', () => {
    const h = history().at(5).acquire('t1').at(15).served('t1', 'c1');
    expect(timeoutOnTime(run(h, t10))).toEqual([]);
  });

  it('a deadline after close is not judged; one before it is', () => {
    const h = history().at(5).acquire('t1').at(15).close();
    expect(timeoutOnTime(run(h, t10))).toEqual([]);
    const g = history().at(5).acquire('t1').at(16).close();
    expect(timeoutOnTime(run(g, t10))).toHaveLength(1);
  });

  it('an error the adapter does not recognise, at the deadline', () => {
    const h = history().at(5).acquire('t1').at(15).refused('t1', 'other', 'ResourceRequest timed out');
    expect(timeoutOnTime(run(h, t10))).toEqual([
      {
        rule: 'TIME-1',
        message: "t1's acquire (from 5 ms, timeout 10 ms) failed at its deadline with an error the adapter does not recognise as a timeout: ResourceRequest timed out",
        events: [0, 1],
      },
    ]);
  });

  it('an unrecognised error within the tolerance before the deadline', () => {
    const h = history().at(5).acquire('t1').at(13).refused('t1', 'other');
    expect(timeoutOnTime(run(h, withTol(2)))).toHaveLength(1);
    expect(timeoutOnTime(run(h, withTol(1)))).toEqual([]);
  });

  it('an unrecognised error at the deadline, once the pool was closed, is CLOSE-1 business', () => {
    const h = history().at(5).acquire('t1').at(12).close().at(15).refused('t1', 'other');
    expect(timeoutOnTime(run(h, t10))).toEqual([]);
    const atClose = history().at(5).acquire('t1').at(15).close().refused('t1', 'other');
    expect(timeoutOnTime(run(atClose, t10))).toEqual([]);
    const beforeClose = history().at(5).acquire('t1').at(15).refused('t1', 'other').at(16).close();
    expect(timeoutOnTime(run(beforeClose, t10))).toHaveLength(1);
  });

  it('a closed-pool error, or a connect error, at the deadline is no timeout finding', () => {
    const h = history().at(5).acquire('t1').at(15).refused('t1', 'closed').acquire('t2').at(25).refused('t2', 'connect');
    expect(timeoutOnTime(run(h, t10))).toEqual([]);
  });

  it('the per-call timeout decides the deadline', () => {
    const h = history().at(5).acquire('t1', 'timeout 20 ms').at(24).refused('t1', 'timeout');
    expect(timeoutOnTime(run(h, t10))[0]?.message).toBe("t1's acquire (from 5 ms, timeout 20 ms) timed out early, at 24 ms");
  });

  it('a pool without an acquire timeout is not judged', () => {
    const h = history().at(5).acquire('t1').at(6).refused('t1', 'timeout').acquire('t2');
    expect(timeoutOnTime(run(h))).toEqual([]);
  });

  it('the first finding is reported once', () => {
    const h = history().acquire('t1').acquire('t2');
    expect(timeoutOnTime(run(h, t10))).toHaveLength(1);
  });

  describe("an acquire timeout that covers only the queue (the caller's own connect runs to its end)", () => {
    const queueOnly: RunOptions = { config: { acquireTimeoutMs: 10 }, capabilities: { acquireTimeout: { covers: 'queue-only', defaultMs: null } } };

    it('served late after a slow connect of its own is on time', () => {
      const h = history().acquire('t1').connectStart('c1').at(30).connected('c1').served('t1', 'c1');
      expect(timeoutOnTime(run(h, queueOnly))).toEqual([]);
      expect(timeoutOnTime(run(h, t10))[0]?.message).toBe("t1's acquire (from 0 ms, timeout 10 ms) was still waiting at 10 ms and settled only at 30 ms");
    });

    it('queued for its whole timeout and settled later', () => {
      const h = history().acquire('t1').connectStart('c1').at(30).connectFailed('c1').at(50).refused('t1', 'timeout');
      expect(timeoutOnTime(run(h, queueOnly))).toEqual([
        { rule: 'TIME-1', message: "t1's acquire (from 0 ms, timeout 10 ms of queueing) was still waiting at 40 ms, queued for its whole timeout, and settled only at 50 ms", events: [0, 3] },
      ]);
    });

    it("the deadline follows the call's own timeout too", () => {
      const h = history().acquire('t1', 'timeout 30 ms').at(50).refused('t1', 'timeout');
      expect(timeoutOnTime(run(h, queueOnly))[0]?.message).toBe("t1's acquire (from 0 ms, timeout 30 ms of queueing) was still waiting at 30 ms, queued for its whole timeout, and settled only at 50 ms");
    });

    it('never settled although queued for its whole timeout', () => {
      const h = history().acquire('t1').at(50).marker('end');
      expect(timeoutOnTime(run(h, queueOnly))[0]?.message).toBe("t1's acquire (from 0 ms, timeout 10 ms of queueing) never settled");
    });
  });
});
