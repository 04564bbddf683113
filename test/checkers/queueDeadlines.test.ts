// Acquire timeouts that cover only the queue: who counts as queued (QueuedCallers) and when each
// acquire is due (queueDeadlines), over hand-written histories (timeout 20 ms unless told).
import { describe, expect, it } from 'vitest';
import { QueuedCallers } from '../../src/checkers/QueuedCallers.ts';
import { queueDeadlines } from '../../src/checkers/queueDeadlines.ts';
import type { HistoryBuilder } from './history.ts';
import { history } from './history.ts';

/** Each acquire's deadline, by task. */
function due(h: HistoryBuilder, timeout: (task: string) => number | null = () => 20): Record<string, number> {
  const map = queueDeadlines(h.events, (invoke) => timeout(invoke.task));
  const out: Record<string, number> = {};
  for (const e of h.events) if (e.kind === 'acquire' && e.phase === 'invoke') out[e.task] = map.get(e.op)!;
  return out;
}

/** The tasks that count as queued after each event. */
function queuedAfterEach(h: HistoryBuilder): string[][] {
  const q = new QueuedCallers();
  const task = (op: number): string => h.events.find((e) => e.op === op)!.task;
  return h.events.map((e) => {
    q.see(e);
    return q.queued().map(task);
  });
}

describe('QueuedCallers', () => {
  it('a caller with nothing opened for it is queued from its invoke until it settles', () => {
    const h = history().acquire('t1').at(5).refused('t1', 'timeout');
    expect(queuedAfterEach(h)).toEqual([['t1'], []]);
  });

  it('a connect begun after the caller arrived may be its own: not queued while it runs', () => {
    const h = history().acquire('t1').connectStart('c1').at(5).connected('c1').served('t1', 'c1');
    expect(queuedAfterEach(h)).toEqual([['t1'], [], ['t1'], []]);
  });

  it('a connect begun after both callers arrived may be the later one\'s own, though the earlier one is first in line', () => {
    const h = history().acquire('t1').acquire('t2').connectStart('c1');
    expect(queuedAfterEach(h)).toEqual([['t1'], ['t1', 't2'], []]);
  });

  it('a connect that failed serves nobody', () => {
    const h = history().acquire('t1').connectStart('c1').connectFailed('c1');
    expect(queuedAfterEach(h)).toEqual([['t1'], [], ['t1']]);
  });

  it('connects begun before the caller arrived serve the callers that waited longest first', () => {
    const h = history().connectStart('c1').acquire('t1').acquire('t2').connectStart('c2').acquire('t3');
    // c1 serves t1; c2 (begun after t1, t2) may be t2's; t3 arrived after both and is third in line.
    expect(queuedAfterEach(h)).toEqual([[], [], ['t2'], [], ['t3']]);
  });

  it('a connect event without a connection named is no connect under way', () => {
    const h = history().acquire('t1');
    h.events.push({ i: 1, op: 9, task: 'server', kind: 'connect', phase: 'invoke', at: 0 });
    expect(queuedAfterEach(h)).toEqual([['t1'], ['t1']]);
  });

  it('events of other operations change nothing', () => {
    const h = history().acquire('t1').invoke('t0', 'release', { conn: 'c9' }).kill('c9');
    expect(queuedAfterEach(h)).toEqual([['t1'], ['t1'], ['t1']]);
  });
});

describe('queueDeadlines', () => {
  it('counts the whole wait as queued when nothing is opened', () => {
    expect(due(history().acquire('t1').at(30).refused('t1', 'timeout'))).toEqual({ t1: 20 });
  });

  it('does not count the time a connect begun for the caller is under way', () => {
    const h = history().acquire('t1').connectStart('c1').at(50).connectFailed('c1').at(100).refused('t1', 'timeout');
    expect(due(h)).toEqual({ t1: 70 });
  });

  it('adds up the queued stretches on either side of a connect', () => {
    const h = history().at(10).acquire('t1').at(18).connectStart('c1').at(40).connectFailed('c1').at(100).refused('t1', 'timeout');
    // 8 ms queued before the connect, 12 more after it failed at 40.
    expect(due(h)).toEqual({ t1: 52 });
  });

  it('is due at the instant the queued time reaches the timeout exactly', () => {
    const h = history().acquire('t1').at(20).refused('t1', 'timeout');
    expect(due(h)).toEqual({ t1: 20 });
  });

  it('a caller served before its queued time reached the timeout is never due', () => {
    const h = history().acquire('t1').at(19).connect('c1').served('t1', 'c1');
    expect(due(h)).toEqual({ t1: Infinity });
  });

  it('after the last event a queued caller waits on: it is due', () => {
    expect(due(history().at(3).acquire('t1'))).toEqual({ t1: 23 });
  });

  it('a caller behind the one a connect serves is queued', () => {
    const h = history().acquire('t1').connectStart('c1').at(5).acquire('t2');
    expect(due(h)).toEqual({ t1: Infinity, t2: 25 });
  });

  it('each caller by its own timeout; one without a timeout is never due', () => {
    const h = history().acquire('t1').acquire('t2').acquire('t3').at(100).marker('end');
    expect(due(h, (task) => (task === 't1' ? 5 : task === 't2' ? 30 : null))).toEqual({ t1: 5, t2: 30, t3: Infinity });
  });

  it('a deadline once reached does not move', () => {
    const h = history().acquire('t1').at(30).marker('end').at(60).marker('probe');
    expect(due(h)).toEqual({ t1: 20 });
  });
});
