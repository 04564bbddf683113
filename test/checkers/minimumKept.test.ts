// MIN-1: each branch of minimumKept over a hand-written history (min 2 unless said).
import { describe, expect, it } from 'vitest';
import { minimumKept } from '../../src/checkers/minimumKept.ts';
import { history, run } from './history.ts';

const min2 = { config: { size: 3, min: 2 } };

describe('minimumKept', () => {
  it('the pool closes a connection and leaves fewer than its minimum open', () => {
    const h = history().connect('c1').connect('c2').at(30).disconnect('c1');
    expect(minimumKept(run(h, min2))).toEqual([
      { rule: 'MIN-1', message: 'the pool closed c1 at 30 ms, leaving 1 open below its minimum of 2', events: [4] },
    ]);
  });

  it('closing down to exactly the minimum is allowed', () => {
    const h = history().connect('c1').connect('c2').connect('c3').disconnect('c3');
    expect(minimumKept(run(h, min2))).toEqual([]);
  });

  it('closes before the minimum was ever reached do not count', () => {
    const h = history().connect('c1').disconnect('c1').connect('c2').connect('c3');
    expect(minimumKept(run(h, min2))).toEqual([]);
  });

  it('the minimum counts as reached once exactly min are open', () => {
    const h = history().connect('c1').connect('c2').disconnect('c2');
    expect(minimumKept(run(h, min2))).toHaveLength(1);
  });

  it('a connection the borrower destroyed may take the count below the minimum', () => {
    const h = history().connect('c1').connect('c2').borrow('t1', 'c1').destroy('t1', 'c1').disconnect('c1');
    expect(minimumKept(run(h, min2))).toEqual([]);
  });

  it('a connection the server killed does not count, nor its disconnect after', () => {
    const h = history().connect('c1').connect('c2').kill('c1').disconnect('c1');
    expect(minimumKept(run(h, min2))).toEqual([]);
  });

  it('closes after close() do not count', () => {
    const h = history().connect('c1').connect('c2').close().disconnect('c1').disconnect('c2');
    expect(minimumKept(run(h, min2))).toEqual([]);
  });

  it('only the invoke of close ends the judgement', () => {
    const h = history().connect('c1').connect('c2');
    const events = [...h.events, { i: 4, op: 9, task: 'run', kind: 'close' as const, phase: 'ok' as const, at: 0 }];
    events.push({ i: 5, op: 10, task: 'server', kind: 'disconnect', phase: 'info', at: 0, conn: 'c1' } as never);
    expect(minimumKept(run(events, min2))).toHaveLength(1);
  });

  it('a destroy that was not invoked by a borrower does not excuse the close', () => {
    const h = history().connect('c1').connect('c2');
    const events = [...h.events, { i: 4, op: 9, task: 't1', kind: 'destroy' as const, phase: 'ok' as const, at: 0, conn: 'c1' }];
    events.push({ i: 5, op: 10, task: 'server', kind: 'disconnect', phase: 'info', at: 0, conn: 'c1' } as never);
    expect(minimumKept(run(events, min2))).toHaveLength(1);
  });

  it('a connect under way or failed is not an open connection', () => {
    const h = history().connect('c1').connectStart('c2').disconnect('c1');
    expect(minimumKept(run(h, min2))).toEqual([]);
    const failed = history().connect('c1').connectStart('c2').connectFailed('c2').disconnect('c1');
    expect(minimumKept(run(failed, min2))).toEqual([]);
  });

  it('a release of a killed connection does not make it open again', () => {
    const h = history().connect('c1').connect('c2').borrow('t1', 'c1').kill('c1').connect('c3').release('t1', 'c1').disconnect('c3');
    expect(minimumKept(run(h, min2))[0]?.message).toBe('the pool closed c3 at 0 ms, leaving 1 open below its minimum of 2');
  });

  it('a pool without a minimum is not judged', () => {
    const h = history().connect('c1').connect('c2').disconnect('c1').disconnect('c2');
    expect(minimumKept(run(h, { config: { size: 3, min: 0 } }))).toEqual([]);
  });

  it('a minimum of one: closing the last connection', () => {
    const h = history().connect('c1').disconnect('c1');
    expect(minimumKept(run(h, { config: { size: 2, min: 1 } }))[0]?.message).toBe('the pool closed c1 at 0 ms, leaving 0 open below its minimum of 1');
  });

  it('events without a connection named change nothing', () => {
    const h = history().connect('c1').connect('c2').info('server', 'disconnect').invoke('t1', 'destroy').invoke('server', 'connect').ok('server', 'connect');
    expect(minimumKept(run(h, min2))).toEqual([]);
    const g = history().connect('c1').invoke('server', 'connect').ok('server', 'connect').disconnect('c1');
    expect(minimumKept(run(g, min2))).toEqual([]);
  });
});
