// BOUND-1: each branch of connectionBound over a hand-written history (capacity 2 by default).
import { describe, expect, it } from 'vitest';
import { connectionBound } from '../../src/checkers/connectionBound.ts';
import { history, run } from './history.ts';

describe('connectionBound', () => {
  it('a connection opened beyond size + maxOverflow', () => {
    const h = history().connect('c1').at(1).connect('c2').at(2).connect('c3');
    expect(connectionBound(run(h))).toEqual([
      { rule: 'BOUND-1', message: '3 connections were open at 2 ms (c1, c2, c3), above size + maxOverflow = 2', events: [1, 3, 5] },
    ]);
  });

  it('exactly size + maxOverflow open is within the bound', () => {
    const h = history().connect('c1').connect('c2');
    expect(connectionBound(run(h))).toEqual([]);
  });

  it('overflow counts: size 1 + maxOverflow 1 allows two, not three', () => {
    const two = history().connect('c1').connect('c2');
    expect(connectionBound(run(two, { config: { size: 1, maxOverflow: 1 } }))).toEqual([]);
    expect(connectionBound(run(two.connect('c3'), { config: { size: 1, maxOverflow: 1 } }))).toHaveLength(1);
  });

  it('a disconnected connection no longer counts', () => {
    const h = history().connect('c1').connect('c2').disconnect('c1').connect('c3');
    expect(connectionBound(run(h))).toEqual([]);
  });

  it('a killed connection no longer counts', () => {
    const h = history().connect('c1').connect('c2').kill('c2').connect('c3');
    expect(connectionBound(run(h))).toEqual([]);
  });

  it('connects under way or failed are not open connections', () => {
    const h = history().connect('c1').connect('c2').connectStart('c3').connectStart('c4').connectFailed('c4');
    expect(connectionBound(run(h))).toEqual([]);
  });

  it('the events cite only the connects of connections still open', () => {
    const h = history().connect('c1').connect('c2').disconnect('c1').connect('c3').at(7).connect('c4');
    expect(connectionBound(run(h))).toEqual([
      { rule: 'BOUND-1', message: '3 connections were open at 7 ms (c2, c3, c4), above size + maxOverflow = 2', events: [3, 6, 8] },
    ]);
  });

  it('a release of a killed connection does not make it open again', () => {
    const h = history().connect('c1').connect('c2').borrow('t1', 'c1').kill('c1').connect('c3').release('t1', 'c1');
    expect(connectionBound(run(h))).toEqual([]);
  });

  it('the events cite the connects, not the leases, of the open connections', () => {
    const h = history().connect('c1').borrow('t1', 'c1').connect('c2').connect('c3');
    expect(connectionBound(run(h))[0]?.events).toEqual([1, 5, 7]);
  });

  it('events without a connection named are not connections', () => {
    const h = history().connect('c1').connect('c2').invoke('server', 'connect').ok('server', 'connect').info('server', 'disconnect');
    expect(connectionBound(run(h))).toEqual([]);
  });
});
