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
});
