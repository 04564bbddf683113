// The definition of "queued" for acquire timeouts that cover only the queue (spec/README.md,
// "Queued"), on hand-written histories.
import { describe, expect, it } from 'vitest';
import { History } from '../src/history/History.ts';
import { queueDeadlines } from '../src/checkers/queueDeadlines.ts';

/** A history written by hand: `at(ms)` moves its clock. */
function write(): { h: History; at: (ms: number) => void } {
  let now = 0;
  return { h: new History(() => now), at: (ms) => void (now = ms) };
}

const TIMEOUT = 20;
const deadlines = (h: History) => queueDeadlines(h.events, () => TIMEOUT);

describe('queueDeadlines', () => {
  it('does not count the time a connect begun for the caller is under way', () => {
    const { h, at } = write();
    const a = h.invoke('t1', 'acquire');
    const c = h.invoke('server', 'connect', { conn: 'c1' });
    at(50);
    h.fail(c, 'server', 'connect', { class: 'connect', message: 'refused' }, { conn: 'c1' });
    // From 50 ms on t1 waits with nothing opened for it: due 20 ms later.
    at(100);
    h.fail(a, 't1', 'acquire', { class: 'timeout', message: 'late' });
    expect(deadlines(h).get(a)).toBe(70);
  });

  it('counts a caller behind the one a connect serves as queued', () => {
    const { h, at } = write();
    const a = h.invoke('t1', 'acquire');
    h.invoke('server', 'connect', { conn: 'c1' });
    at(5);
    const b = h.invoke('t2', 'acquire'); // the pool is full: nothing is opened for t2
    expect(deadlines(h).get(a)).toBe(Infinity);
    expect(deadlines(h).get(b)).toBe(25);
  });

  it('lets a connect begun after a caller arrived count as its own, whoever arrived first', () => {
    const { h, at } = write();
    const a = h.invoke('t1', 'acquire');
    at(5);
    const b = h.invoke('t2', 'acquire');
    h.invoke('server', 'connect', { conn: 'c1' });
    // One connect, two waiters: it may serve either, so neither is queued while it runs.
    expect(deadlines(h).get(a)).toBe(Infinity);
    expect(deadlines(h).get(b)).toBe(Infinity);
  });

  it('counts the whole wait as queued when nothing is opened', () => {
    const { h, at } = write();
    const a = h.invoke('t1', 'acquire');
    at(30);
    h.fail(a, 't1', 'acquire', { class: 'timeout', message: 'timed out' });
    expect(deadlines(h).get(a)).toBe(20);
  });
});
