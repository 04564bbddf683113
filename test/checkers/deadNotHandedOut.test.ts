// ERR-2: each branch of deadNotHandedOut over a hand-written history.
import { describe, expect, it } from 'vitest';
import { deadNotHandedOut } from '../../src/checkers/deadNotHandedOut.ts';
import { history, run } from './history.ts';

describe('deadNotHandedOut', () => {
  it('a connection handed out again after its borrower destroyed it', () => {
    const h = history().connect('c1').borrow('t1', 'c1').at(4).destroy('t1', 'c1').at(5).borrow('t2', 'c1');
    expect(deadNotHandedOut(run(h))).toEqual([
      { rule: 'ERR-2', message: 't2 was handed c1 at 5 ms, which had been destroyed by t1', events: [4, 7] },
    ]);
  });

  it('a connection handed out again after the server closed it', () => {
    const h = history().connect('c1').at(3).disconnect('c1').at(5).borrow('t2', 'c1');
    expect(deadNotHandedOut(run(h))).toEqual([{ rule: 'ERR-2', message: 't2 was handed c1 at 5 ms, which had been closed', events: [2, 4] }]);
  });

  it('a killed connection handed out by a pool that validates', () => {
    const h = history().connect('c1').kill('c1').borrow('t2', 'c1');
    expect(deadNotHandedOut(run(h, { capabilities: { validation: true } }))).toEqual([
      { rule: 'ERR-2', message: 't2 was handed c1 at 0 ms, which had been killed by the server', events: [2, 4] },
    ]);
  });

  it('a killed connection handed out by a pool that does not validate is not judged', () => {
    const h = history().connect('c1').kill('c1').borrow('t2', 'c1');
    expect(deadNotHandedOut(run(h))).toEqual([]);
  });

  it('a live connection handed out again after a release', () => {
    const h = history().connect('c1').borrow('t1', 'c1').release('t1', 'c1').borrow('t2', 'c1');
    expect(deadNotHandedOut(run(h))).toEqual([]);
  });

  it('a destroyed connection is not handed out: the replacement is', () => {
    const h = history().connect('c1').borrow('t1', 'c1').destroy('t1', 'c1').disconnect('c1').connect('c2').borrow('t2', 'c2');
    expect(deadNotHandedOut(run(h))).toEqual([]);
  });

  it('the destroy counts from its invoke: a failed destroy still kills the lease', () => {
    const h = history().connect('c1').borrow('t1', 'c1').invoke('t1', 'destroy', { conn: 'c1' }).borrow('t2', 'c1');
    expect(deadNotHandedOut(run(h))[0]?.events).toEqual([4, 6]);
  });

  it('leases the harness could not identify (no connection named) are not judged', () => {
    const h = history().acquire('t1').ok('t1', 'acquire').invoke('t1', 'destroy').info('server', 'disconnect').acquire('t2').ok('t2', 'acquire');
    expect(deadNotHandedOut(run(h))).toEqual([]);
  });

  it('after the workload, capacity that was not replaced (the probe judgement, as ERR-2)', () => {
    const h = history().connect('c1').borrow('t1', 'c1').destroy('t1', 'c1').disconnect('c1').at(20).borrow('p1', 'c2').marker('probe');
    expect(deadNotHandedOut(run(h))).toEqual([
      { rule: 'ERR-2', message: 'after connections were destroyed or killed, only 1 of 2 connections could be borrowed again (probe at 20 ms)', events: [9] },
    ]);
  });

  describe('a kill at the very instant of the hand-out, after the acquire was invoked, is concurrent with it', () => {
    const validates = { capabilities: { validation: true } };

    it('is not held against the pool', () => {
      const h = history().connect('c1').at(5).acquire('t2').kill('c1').served('t2', 'c1');
      expect(deadNotHandedOut(run(h, validates))).toEqual([]);
    });

    it('a kill before the acquire was invoked, at the same instant, is', () => {
      const h = history().connect('c1').at(5).kill('c1').acquire('t2').served('t2', 'c1');
      expect(deadNotHandedOut(run(h, validates))[0]?.message).toBe('t2 was handed c1 at 5 ms, which had been killed by the server');
    });

    it('a kill earlier than the hand-out is', () => {
      const h = history().connect('c1').at(5).acquire('t2').at(4.95).kill('c1').at(5).served('t2', 'c1');
      expect(deadNotHandedOut(run(h, validates))).toEqual([{ rule: 'ERR-2', message: 't2 was handed c1 at 5 ms, which had been killed by the server', events: [3, 4] }]);
    });

    it('a destroy or a close at that instant is no kill: it is held against the pool', () => {
      const destroyed = history().connect('c1').borrow('t1', 'c1').at(5).acquire('t2').destroy('t1', 'c1').served('t2', 'c1');
      expect(deadNotHandedOut(run(destroyed, validates))).toHaveLength(1);
      const closed = history().connect('c1').at(5).acquire('t2').disconnect('c1').served('t2', 'c1');
      expect(deadNotHandedOut(run(closed, validates))).toHaveLength(1);
    });

    it('the same connection handed out again later is held against the pool', () => {
      const h = history().connect('c1').at(5).acquire('t2').kill('c1').served('t2', 'c1').release('t2', 'c1').at(9).borrow('t3', 'c1');
      expect(deadNotHandedOut(run(h, validates))[0]?.message).toBe('t3 was handed c1 at 9 ms, which had been killed by the server');
    });
  });

  it('times are printed to 0.1 ms, thousands grouped', () => {
    const h = history().connect('c1').at(1000).disconnect('c1').at(1234.56).borrow('t2', 'c1');
    expect(deadNotHandedOut(run(h))[0]?.message).toBe('t2 was handed c1 at 1,234.6 ms, which had been closed');
  });
});
