// Which acquires queued because the pool was at capacity (WAIT-2 'when-full'), by ground truth,
// over hand-written histories (capacity 2 unless told).
import { describe, expect, it } from 'vitest';
import { queuedAtCapacity } from '../../src/checkers/queuedAtCapacity.ts';
import type { HistoryBuilder } from './history.ts';
import { history } from './history.ts';

/** The queued acquires, as `task@ms` of their invoke; any other op in the set shows as `?op`. */
function queued(h: HistoryBuilder, capacity = 2): string[] {
  return [...queuedAtCapacity(h.events, capacity)].map((op) => {
    const e = h.events.find((x) => x.op === op && x.kind === 'acquire' && x.phase === 'invoke');
    return e ? `${e.task}@${e.at}` : `?${op}`;
  });
}

describe('queuedAtCapacity', () => {
  it('every session open and held: the caller queued', () => {
    const h = history().connect('c1').connect('c2').borrow('t1', 'c1').borrow('t2', 'c2').at(3).acquire('t3').release('t1', 'c1');
    expect(queued(h)).toEqual(['t3@3']);
  });

  it('capacity free: a caller that finds room is in no queue, nor are the ones before', () => {
    const h = history().acquire('t1').connectStart('c1').acquire('t2');
    expect(queued(h)).toEqual([]);
  });

  it('connects under way count toward capacity', () => {
    const h = history().connectStart('c1').connectStart('c2').acquire('t1');
    expect(queued(h)).toEqual(['t1@0']);
  });

  it('an open session and a connect under way fill capacity 2', () => {
    const h = history().connect('c1').borrow('t1', 'c1').connectStart('c2').acquire('t2');
    expect(queued(h)).toEqual(['t2@0']);
    expect(queued(h, 3)).toEqual([]);
  });

  it('a connect that answered is open, not under way: counted once', () => {
    const h = history().connect('c1').borrow('t1', 'c1').connectStart('c2').connected('c2').borrow('t2', 'c2').acquire('t3');
    expect(queued(h)).toEqual(['t3@0']);
    expect(queued(h, 3)).toEqual([]);
  });

  it('a connect that failed is neither open nor under way', () => {
    const h = history().connect('c1').borrow('t1', 'c1').connectStart('c2').connectFailed('c2').acquire('t2');
    expect(queued(h)).toEqual([]);
  });

  it('an idle open session: the caller is handed it, in no queue', () => {
    const h = history().connect('c1').connect('c2').borrow('t1', 'c1').acquire('t2');
    expect(queued(h)).toEqual([]);
  });

  it('a released session is idle again: released at its invoke', () => {
    const h = history().connect('c1').connect('c2').borrow('t1', 'c1').borrow('t2', 'c2').invoke('t1', 'release', { conn: 'c1' }).acquire('t3');
    expect(queued(h)).toEqual([]);
  });

  it('a destroyed session is no longer held either', () => {
    const h = history().connect('c1').connect('c2').borrow('t1', 'c1').borrow('t2', 'c2').invoke('t1', 'destroy', { conn: 'c1' }).acquire('t3');
    expect(queued(h)).toEqual([]);
  });

  it('a release by another task, or of another connection, frees nothing', () => {
    const other = history().connect('c1').connect('c2').borrow('t1', 'c1').borrow('t2', 'c2').invoke('t9', 'release', { conn: 'c1' }).acquire('t3');
    expect(queued(other)).toEqual(['t3@0']);
    const wrong = history().connect('c1').connect('c2').borrow('t1', 'c1').borrow('t2', 'c2').invoke('t1', 'release', { conn: 'c2' }).acquire('t3');
    expect(queued(wrong)).toEqual(['t3@0']);
  });

  it("a release's ok does not free a lease taken again in between", () => {
    const h = history().connect('c1').connect('c2').borrow('t1', 'c1').borrow('t2', 'c2').invoke('t1', 'release', { conn: 'c1' }).borrow('t1', 'c1');
    h.ok('t1', 'release', { conn: 'c1' }).acquire('t3');
    expect(queued(h)).toEqual(['t3@0']);
  });

  it('a disconnected or killed session is gone: room for a new one', () => {
    const closed = history().connect('c1').connect('c2').borrow('t1', 'c1').borrow('t2', 'c2').disconnect('c2').acquire('t3');
    expect(queued(closed)).toEqual([]);
    const killed = history().connect('c1').connect('c2').borrow('t1', 'c1').borrow('t2', 'c2').kill('c2').acquire('t3');
    expect(queued(killed)).toEqual([]);
  });

  it('a session gone but still held counts toward nothing', () => {
    const h = history().connect('c1').connect('c2').borrow('t1', 'c1').borrow('t2', 'c2').kill('c2').connectStart('c3').acquire('t3');
    expect(queued(h)).toEqual(['t3@0']);
  });

  it('an acquire served without a connection named holds nothing', () => {
    const h = history().connect('c1').connect('c2').borrow('t1', 'c1').acquire('t2').ok('t2', 'acquire').acquire('t3');
    expect(queued(h)).toEqual([]);
  });

  it('events without a connection named change nothing', () => {
    const h = history().connect('c1').connect('c2').borrow('t1', 'c1').borrow('t2', 'c2').info('server', 'disconnect').invoke('t1', 'release').acquire('t3');
    h.events.push({ i: h.events.length, op: 99, task: 'server', kind: 'connect', phase: 'fail', at: 0, error: { class: 'connect', message: 'x' } });
    h.events.push({ i: h.events.length, op: 100, task: 't4', kind: 'acquire', phase: 'invoke', at: 0 });
    expect(queued(h)).toEqual(['t3@0', 't4@0']);
  });

  it('only acquire invokes are judged: other operations and results are never in the set', () => {
    const h = history().connectStart('c1').connectStart('c2').acquire('t1').invoke('t1', 'use').refused('t1', 'timeout').marker('end');
    expect(queued(h)).toEqual(['t1@0']);
  });

  it('only the invoke counts: a caller that found room is not queued for being served while every session is held', () => {
    // t1 is handed c2 while t2 holds it (an EXCL-1 matter): the pool is full at t1's ok, not at its invoke.
    const h = history().connect('c1').borrow('t0', 'c1').acquire('t1').connect('c2').borrow('t2', 'c2').served('t1', 'c2');
    expect(queued(h)).toEqual([]);
  });

  it('the holder using its connection (an invoke naming it) neither frees it nor opens a connect', () => {
    const h = history().connect('c1').connect('c2').borrow('t1', 'c1').borrow('t2', 'c2').invoke('t1', 'use', { conn: 'c1' }).acquire('t3');
    expect(queued(h)).toEqual(['t3@0']);
    expect(queued(h, 3)).toEqual([]);
  });
});
