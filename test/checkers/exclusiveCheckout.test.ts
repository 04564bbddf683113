// EXCL-1/EXCL-2: each branch of exclusiveCheckout over a hand-written history.
import { describe, expect, it } from 'vitest';
import { exclusiveCheckout } from '../../src/checkers/exclusiveCheckout.ts';
import { history, run } from './history.ts';

const check = exclusiveCheckout('EXCL-1');

describe('exclusiveCheckout', () => {
  it('a lease handed out while another borrower holds it', () => {
    const h = history().connect('c1').at(1).borrow('t1', 'c1').at(2).borrow('t2', 'c1').at(3).release('t1', 'c1');
    expect(check(run(h))).toEqual([
      { rule: 'EXCL-1', message: 't2 was given connection c1 at 2 ms while t1 still held it (since 1 ms)', events: [3, 5, 6] },
    ]);
  });

  it('a lease handed out while the holder never gave it back', () => {
    const h = history().connect('c1').at(1).borrow('t1', 'c1').at(4).borrow('t2', 'c1');
    expect(check(run(h))).toEqual([
      { rule: 'EXCL-1', message: 't2 was given connection c1 at 4 ms while t1 still held it (since 1 ms)', events: [3, 5] },
    ]);
  });

  it('the rule id is the one it was made for (EXCL-2 judges double releases)', () => {
    const h = history().connect('c1').borrow('t1', 'c1').borrow('t2', 'c1');
    expect(exclusiveCheckout('EXCL-2')(run(h)).map((v) => v.rule)).toEqual(['EXCL-2']);
  });

  it('a connection handed out again after its release is not shared', () => {
    const h = history().connect('c1').at(1).borrow('t1', 'c1').at(2).release('t1', 'c1').at(3).borrow('t2', 'c1').release('t2', 'c1');
    expect(check(run(h))).toEqual([]);
  });

  it('a connection handed out again after it was destroyed is not shared', () => {
    const h = history().connect('c1').borrow('t1', 'c1').destroy('t1', 'c1').borrow('t2', 'c1');
    expect(check(run(h))).toEqual([]);
  });

  it('two borrowers holding different connections at once share nothing', () => {
    const h = history().connect('c1').connect('c2').borrow('t1', 'c1').borrow('t2', 'c2').release('t1', 'c1').release('t2', 'c2');
    expect(check(run(h))).toEqual([]);
  });

  it('three borrowers on one connection: the first sharing is reported once', () => {
    const h = history().connect('c1').borrow('t1', 'c1').borrow('t2', 'c1').borrow('t3', 'c1');
    const found = check(run(h));
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(/^t2 was given connection c1 .* while t1 still held it/);
  });

  it("after a caller's double release, the finding names it as misuse", () => {
    const h = history().connect('c1').at(1).borrow('t1', 'c1').at(2).release('t1', 'c1').at(1500.25).invoke('t1', 'release', { conn: 'c1', note: 'again' });
    h.at(1600).borrow('t2', 'c1').at(1700).borrow('t3', 'c1');
    expect(exclusiveCheckout('EXCL-2')(run(h))).toEqual([
      {
        rule: 'EXCL-2',
        message: "after a caller's double release (t1 released c1 again at 1,500.3 ms), t3 was given connection c1 at 1,700 ms while t2 still held it (since 1,600 ms)",
        events: [6, 8, 10],
      },
    ]);
  });

  it('a second release of another connection, or after the sharing began, or without the note, is no misuse here', () => {
    const other = history().connect('c1').connect('c2').invoke('t9', 'release', { conn: 'c2', note: 'again' }).borrow('t2', 'c1').borrow('t3', 'c1');
    expect(check(run(other))[0]?.message).toBe('t3 was given connection c1 at 0 ms while t2 still held it (since 0 ms)');
    const later = history().connect('c1').borrow('t2', 'c1').borrow('t3', 'c1').invoke('t9', 'release', { conn: 'c1', note: 'again' });
    expect(check(run(later))[0]?.message).toMatch(/^t3 was given/);
    const plain = history().connect('c1').invoke('t9', 'release', { conn: 'c1' }).borrow('t2', 'c1').borrow('t3', 'c1');
    expect(check(run(plain))[0]?.message).toMatch(/^t3 was given/);
  });

  it('of several double releases, the latest before the sharing is named', () => {
    const h = history().connect('c1').at(1).invoke('t8', 'release', { conn: 'c1', note: 'again' }).at(2).invoke('t9', 'release', { conn: 'c1', note: 'again' });
    h.at(3).borrow('t2', 'c1').borrow('t3', 'c1');
    expect(check(run(h))[0]?.message).toMatch(/^after a caller's double release \(t9 released c1 again at 2 ms\)/);
  });
});
