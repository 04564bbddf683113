// The stretches of time in which a borrower waited beside free capacity (WAIT-1, BOUND-3,
// TIME-2 judge them): each branch of freeCapacityWindows over a hand-written history.
import { describe, expect, it } from 'vitest';
import { freeCapacityWindows } from '../../src/checkers/freeCapacityWindows.ts';
import type { HistoryBuilder, RunOptions } from './history.ts';
import { history, run } from './history.ts';

/** The windows as [start event index, end event index, excess ms, waiting tasks, free]. */
function windows(h: HistoryBuilder, o: RunOptions = {}): [number, number, number, string[], number][] {
  const task = (op: number): string => h.events.find((e) => e.op === op && e.phase === 'invoke')!.task;
  return freeCapacityWindows(run(h, o)).map((w) => [w.start.i, w.end.i, w.excessMs, w.waiters.map(task), w.free]);
}

const one = { config: { size: 1 } };

describe('freeCapacityWindows', () => {
  it('a borrower that arrives to free capacity and is served later', () => {
    const h = history().at(2).acquire('t1').at(7).connect('c1').served('t1', 'c1');
    // It ends when a connect starts for the waiter.
    expect(windows(h)).toEqual([[0, 1, 5, ['t1'], 2]]);
    const [w] = freeCapacityWindows(run(h));
    expect(w!.start).toBe(h.events[0]);
    expect(w!.end).toBe(h.events[1]);
  });

  it('a borrower served at the instant it arrives is no stretch', () => {
    const h = history().at(2).acquire('t1').connect('c1').served('t1', 'c1').at(9).release('t1', 'c1');
    expect(windows(h)).toEqual([]);
  });

  it('a waiter for whom a connect is under way is not beside free capacity', () => {
    const h = history().acquire('t1').connectStart('c1').at(10).connected('c1').served('t1', 'c1');
    expect(windows(h)).toEqual([]);
  });

  it('two waiters and one connect under way: one of them is beside free capacity', () => {
    const h = history().acquire('t1').acquire('t2').connectStart('c1').at(4).connected('c1').served('t1', 'c1').connect('c2').served('t2', 'c2');
    expect(windows(h)).toEqual([[0, 5, 4, ['t1', 't2'], 2]]);
  });

  it('a waiter while every connection is held is not beside free capacity', () => {
    const h = history().connect('c1').borrow('t1', 'c1').at(1).acquire('t2').at(8).release('t1', 'c1').served('t2', 'c1');
    expect(windows(h, one)).toEqual([]);
  });

  it('a release frees capacity: the waiter left beside it', () => {
    const h = history().connect('c1').borrow('t1', 'c1').at(1).acquire('t2').at(3).release('t1', 'c1').at(8).served('t2', 'c1');
    expect(windows(h, one)).toEqual([[5, 7, 5, ['t2'], 1]]);
  });

  it('a destroy frees capacity too, once the session is gone', () => {
    const h = history().connect('c1').borrow('t1', 'c1').at(1).acquire('t2').at(3).destroy('t1', 'c1').disconnect('c1').at(8).connect('c2').served('t2', 'c2');
    expect(windows(h, one)).toEqual([[7, 8, 5, ['t2'], 1]]);
  });

  it('a destroyed connection the server still lists keeps its slot until it is gone', () => {
    // pg-pool live: release(err) ends the client, and opens a replacement once the end is done.
    const h = history().connect('c1').borrow('t1', 'c1').at(1).acquire('t2').at(3).destroy('t1', 'c1').at(5).disconnect('c1').at(6).connect('c2').served('t2', 'c2');
    expect(windows(h, one)).toEqual([[7, 8, 1, ['t2'], 1]]);
  });

  it('a destroy still under way keeps the slot too, from its invoke', () => {
    const h = history().connect('c1').borrow('t1', 'c1').at(1).acquire('t2').at(3).invoke('t1', 'destroy', { conn: 'c1' }).at(6).ok('t1', 'destroy', { conn: 'c1' }).at(8).disconnect('c1').at(9).connect('c2').served('t2', 'c2');
    expect(windows(h, one)).toEqual([[7, 8, 1, ['t2'], 1]]);
  });

  it('a destroy of a connection the server already ended frees its slot at once', () => {
    const h = history().connect('c1').borrow('t1', 'c1').at(1).acquire('t2').info('server', 'kill', { conn: 'c1' }).at(3).destroy('t1', 'c1').at(8).connect('c2').served('t2', 'c2');
    expect(windows(h, one)).toEqual([[6, 8, 5, ['t2'], 1]]);
  });

  it('the holder using its connection frees nothing', () => {
    const h = history().connect('c1').borrow('t1', 'c1').at(1).acquire('t2').at(2).invoke('t1', 'use', { conn: 'c1' }).at(8).release('t1', 'c1').served('t2', 'c1');
    expect(windows(h, one)).toEqual([]);
  });

  describe("a connection the pool is pinging (its async validation) is the pool's, not free", () => {
    it('a waiter while the only idle connection is pinged for it is not beside free capacity', () => {
      const h = history().connect('c1').acquire('t1').invoke('pool', 'ping', { conn: 'c1' }).at(8).ok('pool', 'ping', { conn: 'c1' }).served('t1', 'c1');
      expect(windows(h, one)).toEqual([]);
    });

    it('each ping under way serves one waiter: a second waiter is beside free capacity', () => {
      const h = history().connect('c1').acquire('t1').acquire('t2').invoke('pool', 'ping', { conn: 'c1' }).at(8).ok('pool', 'ping', { conn: 'c1' }).served('t1', 'c1');
      expect(windows(h)).toEqual([[2, 6, 8, ['t1', 't2'], 2]]);
    });

    it('the ping ending changes supply: the wake-up slack counts from it', () => {
      const h = history().connect('c1').acquire('t1').invoke('pool', 'ping', { conn: 'c1' }).at(8).ok('pool', 'ping', { conn: 'c1' }).at(12).served('t1', 'c1');
      expect(windows(h, one)).toEqual([[4, 5, 4, ['t1'], 1]]);
    });

    it('a ping of a connection a borrower holds takes up no more capacity than the lease', () => {
      const h = history().connect('c1').borrow('t0', 'c1').invoke('pool', 'ping', { conn: 'c1' }).acquire('t1').at(6).connect('c2').served('t1', 'c2');
      expect(windows(h)).toEqual([[5, 6, 6, ['t1'], 1]]);
    });
  });

  describe('pings, more', () => {
    it('a connection pinged before two callers arrive: one of them is beside the one slot left', () => {
      const h = history().connect('c1').invoke('pool', 'ping', { conn: 'c1' }).acquire('t1').acquire('t2').at(8).ok('pool', 'ping', { conn: 'c1' }).served('t1', 'c1');
      h.connect('c2').served('t2', 'c2');
      expect(windows(h)).toEqual([[4, 7, 8, ['t1', 't2'], 1]]);
    });

    it("a ping of an idle connection while another one is held is the pool's too", () => {
      const h = history().connect('c0').connect('c1').borrow('t0', 'c0').invoke('pool', 'ping', { conn: 'c1' }).acquire('t1').at(8).ok('pool', 'ping', { conn: 'c1' }).served('t1', 'c1');
      expect(windows(h)).toEqual([]);
    });

    it('with a wake-up slack, a ping beginning is no change: the slack still counts from the arrival', () => {
      // Two waiters beside two free slots; 5 ms later the pool starts pinging c1 for one of them.
      // The other one's wait is counted from 3 ms (arrival + slack), not from 8 (ping + slack).
      const h = history().connect('c1').acquire('t1').acquire('t2').at(5).invoke('pool', 'ping', { conn: 'c1' }).at(15).ok('pool', 'ping', { conn: 'c1' }).served('t1', 'c1');
      h.connect('c2').served('t2', 'c2');
      expect(windows(h, { capabilities: { wakeUpSlackMs: 3 } })).toEqual([[2, 7, 12, ['t1', 't2'], 2]]);
    });

    it('with a wake-up slack, the ping ending is the change it counts from', () => {
      const h = history().connect('c1').acquire('t1').invoke('pool', 'ping', { conn: 'c1' }).at(8).ok('pool', 'ping', { conn: 'c1' }).at(12).served('t1', 'c1');
      expect(windows(h, { config: { size: 1 }, capabilities: { wakeUpSlackMs: 3 } })).toEqual([[4, 5, 1, ['t1'], 1]]);
    });
  });

  it('a connect under way takes up capacity', () => {
    const h = history().acquire('t1').acquire('t2').connectStart('c1').at(5).connected('c1').served('t1', 'c1').at(8).release('t1', 'c1').served('t2', 'c1');
    expect(windows(h, one)).toEqual([]);
  });

  it('a release by another task of the held connection frees nothing', () => {
    const h = history().connect('c1').borrow('t1', 'c1').at(1).acquire('t2').at(3).release('t9', 'c1').at(8).release('t1', 'c1').served('t2', 'c1');
    expect(windows(h, one)).toEqual([]);
  });

  it('a waiter that gives up leaves the stretch', () => {
    const h = history().acquire('t1').at(4).refused('t1', 'timeout').at(9).connect('c1');
    expect(windows(h)).toEqual([[0, 1, 4, ['t1'], 2]]);
  });

  it('a failed connect ends the connect under way', () => {
    const h = history().acquire('t1').connectStart('c1').at(2).connectFailed('c1').at(6).connect('c2').served('t1', 'c2');
    expect(windows(h)).toEqual([[2, 3, 4, ['t1'], 2]]);
  });

  it('waiters after close are not judged', () => {
    const h = history().close().acquire('t1').at(5).refused('t1', 'closed');
    expect(windows(h)).toEqual([]);
    const before = history().acquire('t1').at(5).close().at(9).refused('t1', 'closed');
    expect(windows(before)).toEqual([[0, 1, 5, ['t1'], 2]]);
  });

  it('only the invoke of close counts as closing', () => {
    const h = history().acquire('t1');
    const events = [...h.events, { i: 1, op: 7, task: 'run', kind: 'close' as const, phase: 'ok' as const, at: 5 }];
    events.push({ i: 2, op: 8, task: 'server', kind: 'kill', phase: 'info', at: 9 } as never);
    expect(freeCapacityWindows(run(events)).map((w) => w.excessMs)).toEqual([9]);
  });

  it('a stretch that runs to the end of the history counts up to its last event', () => {
    const h = history().acquire('t1').at(6).kill('c9');
    expect(windows(h)).toEqual([[0, 1, 6, ['t1'], 2]]);
  });

  it('waiters who arrive during a stretch join it; free is counted at its start', () => {
    const h = history().acquire('t1').at(2).acquire('t2').at(6).connect('c1').served('t1', 'c1').connect('c2').served('t2', 'c2');
    expect(windows(h)).toEqual([[0, 5, 6, ['t1', 't2'], 2]]);
    const g = history().connect('c1').borrow('t0', 'c1').acquire('t1').at(3).release('t0', 'c1').at(5).served('t1', 'c1');
    expect(windows(g)).toEqual([[4, 7, 5, ['t1'], 1]]);
  });

  it('two separate stretches are two windows', () => {
    const h = history().acquire('t1').at(3).connect('c1').served('t1', 'c1').at(10).acquire('t2').at(12).connect('c2').served('t2', 'c2');
    expect(windows(h)).toEqual([
      [0, 1, 3, ['t1'], 2],
      [4, 5, 2, ['t2'], 1],
    ]);
  });

  it("the pool's declared wake-up slack and the substrate's wake-up tolerance are not excess", () => {
    const h = history().acquire('t1').at(10).connect('c1').served('t1', 'c1');
    expect(windows(h, { capabilities: { wakeUpSlackMs: 4 } })).toEqual([[0, 1, 6, ['t1'], 2]]);
    expect(windows(h, { capabilities: { wakeUpSlackMs: 4 }, tolerance: { wakeUpMs: 3 } })).toEqual([[0, 1, 3, ['t1'], 2]]);
    expect(windows(h, { capabilities: { wakeUpSlackMs: 10 } })).toEqual([]);
  });

  it('a stretch within the slack is no window, even across several events', () => {
    const h = history().acquire('t1').at(1).invoke('t1', 'use').at(3).connect('c1').served('t1', 'c1');
    expect(windows(h, { capabilities: { wakeUpSlackMs: 3 } })).toEqual([]);
  });

  describe('the wake-up slack counts from the latest change of supply or demand', () => {
    // t1 waits from 0 with a 4 ms slack and is served at 10; an event at 3 either restarts the
    // slack (excess 10 - 7 = 3) or does not (excess 10 - 4 = 6).
    const story = (between: (h: HistoryBuilder) => HistoryBuilder): HistoryBuilder =>
      between(history().acquire('t1').acquire('t2').at(3)).at(10).connect('c1').served('t1', 'c1').connect('c2').served('t2', 'c2');
    const excess = (h: HistoryBuilder): number => freeCapacityWindows(run(h, { capabilities: { wakeUpSlackMs: 4 } }))[0]!.excessMs;

    it.each([
      ['an acquire', (h: HistoryBuilder) => h.acquire('t3').refused('t3', 'other')],
      ['a release', (h: HistoryBuilder) => h.invoke('t9', 'release', { conn: 'c9' })],
      ['a destroy', (h: HistoryBuilder) => h.invoke('t9', 'destroy', { conn: 'c9' })],
      ['a finished connect', (h: HistoryBuilder) => h.ok('server:c9', 'connect', { conn: 'c9' })],
      ['a failed connect', (h: HistoryBuilder) => h.fail('server:c9', 'connect', { class: 'connect', message: 'refused' }, { conn: 'c9' })],
      ['a disconnect', (h: HistoryBuilder) => h.disconnect('c9')],
      ['a kill', (h: HistoryBuilder) => h.kill('c9')],
    ])('%s restarts it', (_, between) => {
      expect(excess(story((h) => between(h.invoke('server:c9', 'connect', { conn: 'c9' }).at(3))))).toBe(3);
    });

    it.each([
      ['a waiter giving up', (h: HistoryBuilder) => h.acquire('t3').at(3).refused('t3', 'timeout')],
      ['the ok of a release', (h: HistoryBuilder) => h.invoke('t9', 'release', { conn: 'c9' }).at(3).ok('t9', 'release', { conn: 'c9' })],
      ['a use', (h: HistoryBuilder) => h.at(3).invoke('t9', 'use', { conn: 'c9' })],
    ])('%s does not', (_, between) => {
      const h = between(history().acquire('t1').acquire('t2')).at(10).connect('c1').served('t1', 'c1').connect('c2').served('t2', 'c2');
      expect(excess(h)).toBe(6);
    });

    it('a connect starting does not', () => {
      const h = history().acquire('t1').acquire('t2').at(3).connectStart('c1').at(10).connected('c1').served('t1', 'c1').connect('c2').served('t2', 'c2');
      expect(excess(h)).toBe(6);
    });
  });

  describe('after a failed connect, the declared retry delay is not excess', () => {
    const failedAt2 = (): HistoryBuilder => history().acquire('t1').connectStart('c1').at(2).connectFailed('c1');

    it('the stretch starts counting once the retry delay has passed', () => {
      const h = failedAt2().at(10).connect('c2').served('t1', 'c2');
      expect(windows(h, { capabilities: { connectRetryMs: 5 } })).toEqual([[2, 3, 3, ['t1'], 2]]);
    });

    it('a connect that succeeded gives no retry delay', () => {
      const h = history().acquire('t1').connectStart('c1').at(2).connected('c1').at(6).served('t1', 'c1');
      expect(windows(h, { ...one, capabilities: { connectRetryMs: 5 } })).toEqual([[2, 3, 4, ['t1'], 1]]);
    });

    it('a retry delay longer than the stretch leaves no excess', () => {
      const h = failedAt2().at(10).connect('c2').served('t1', 'c2');
      expect(windows(h, { capabilities: { connectRetryMs: 8 } })).toEqual([]);
    });

    it('a retry delay that has passed before the stretch started does not shorten it', () => {
      const h = failedAt2().at(3).connect('c2').served('t1', 'c2').at(20).acquire('t2').at(30).connect('c3').served('t2', 'c3');
      expect(windows(h, { capabilities: { connectRetryMs: 5 } })).toEqual([[6, 7, 10, ['t2'], 1]]);
    });

    it('the retry delay and the wake-up slack: whichever ends later', () => {
      const h = failedAt2().at(10).connect('c2').served('t1', 'c2');
      expect(windows(h, { capabilities: { connectRetryMs: 3, wakeUpSlackMs: 4 } })).toEqual([[2, 3, 4, ['t1'], 2]]);
      expect(windows(h, { capabilities: { connectRetryMs: 5, wakeUpSlackMs: 1 } })).toEqual([[2, 3, 3, ['t1'], 2]]);
    });

    it('a stretch that starts at the end of the retry delay is counted whole', () => {
      const h = failedAt2().at(7).kill('c9').at(10).connect('c2').served('t1', 'c2');
      // From 2 to 7 covered by the retry; from 7 to 10 counted in full.
      expect(windows(h, { capabilities: { connectRetryMs: 5 } })).toEqual([[2, 4, 3, ['t1'], 2]]);
    });
  });
});
