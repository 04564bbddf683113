// The shared readings of a history every checker builds on: leases, acquires, markers, sessions.
import { describe, expect, it } from 'vitest';
import { acquires, closeInvoke, connectsUnanswered, isProbe, leases, marker, sessionsAfter, sessionsAt } from '../../src/checkers/timeline.ts';
import { history } from './history.ts';

describe('leases', () => {
  it('a lease runs from the acquire ok to the same task releasing the same connection', () => {
    const h = history().connect('c1').borrow('t1', 'c1').release('t1', 'c1');
    const [lease, ...rest] = leases(h.events);
    expect(rest).toEqual([]);
    expect(lease).toMatchObject({ task: 't1', conn: 'c1', from: { i: 3, kind: 'acquire', phase: 'ok' }, to: { i: 4, kind: 'release', phase: 'invoke' } });
  });

  it('a destroy ends a lease too', () => {
    const h = history().connect('c1').borrow('t1', 'c1').destroy('t1', 'c1');
    expect(leases(h.events)[0]!.to).toMatchObject({ i: 4, kind: 'destroy', phase: 'invoke' });
  });

  it('another task releasing the connection, or the holder releasing another one, does not end it', () => {
    const h = history().connect('c1').connect('c2').borrow('t1', 'c1').release('t2', 'c1').release('t1', 'c2');
    expect(leases(h.events)[0]!.to).toBeNull();
  });

  it('a release before the lease began does not end it', () => {
    const h = history().connect('c1').borrow('t1', 'c1').release('t1', 'c1').borrow('t1', 'c1');
    const [first, second] = leases(h.events);
    expect(first!.to?.i).toBe(4);
    expect(second!.to).toBeNull();
  });

  it('a query or use of the held connection does not end it', () => {
    const h = history().connect('c1').borrow('t1', 'c1').invoke('t1', 'use', { conn: 'c1' }).ok('t1', 'use', { conn: 'c1' });
    expect(leases(h.events)[0]!.to).toBeNull();
  });

  it('only served acquires are leases: a failed acquire, or an ok without a connection, is not', () => {
    const h = history().acquire('t1').refused('t1', 'timeout').acquire('t2').ok('t2', 'acquire');
    expect(leases(h.events)).toEqual([]);
  });

  it('the ok of a release is not the end of a lease (its invoke is)', () => {
    const h = history().connect('c1').borrow('t1', 'c1');
    const okOnly = [...h.events, { i: 4, op: 9, task: 't1', kind: 'release' as const, phase: 'ok' as const, at: 0, conn: 'c1' }];
    expect(leases(okOnly)[0]!.to).toBeNull();
  });
});

describe('acquires', () => {
  it('pairs each acquire invoke with its ok or fail, or null when it never settled', () => {
    const h = history().acquire('t1').acquire('t2').acquire('t3').served('t2', 'c1').refused('t3', 'timeout');
    expect(acquires(h.events).map((a) => [a.invoke.task, a.result?.phase ?? null])).toEqual([
      ['t1', null],
      ['t2', 'ok'],
      ['t3', 'fail'],
    ]);
  });

  it('other operations are not acquires', () => {
    const h = history().connect('c1').borrow('t1', 'c1').release('t1', 'c1').close();
    expect(acquires(h.events)).toHaveLength(1);
  });

  it('an info event sharing an acquire op is not its result', () => {
    const h = history().acquire('t1');
    const events = [...h.events, { i: 1, op: 1, task: 't1', kind: 'acquire' as const, phase: 'info' as const, at: 0 }];
    expect(acquires(events)[0]!.result).toBeNull();
  });
});

describe('marker', () => {
  it('finds the first info event of a kind', () => {
    const h = history().marker('quiet', 'first').marker('quiet', 'second');
    expect(marker(h.events, 'quiet')?.note).toBe('first');
    expect(marker(h.events, 'probe')).toBeUndefined();
  });

  it('an operation of that kind is not a marker', () => {
    const h = history().close();
    expect(marker(h.events, 'close')).toBeUndefined();
  });
});

describe('sessionsAfter', () => {
  it('counts connects up to and including the event, less disconnects and kills', () => {
    const h = history().connect('c1').connect('c2').connect('c3').disconnect('c1').kill('c2').connect('c4');
    expect([...sessionsAfter(h.events, 7)]).toEqual(['c3']);
    expect([...sessionsAfter(h.events, 8)]).toEqual(['c3']);
    expect([...sessionsAfter(h.events, 9)]).toEqual(['c3', 'c4']);
    expect([...sessionsAfter(h.events, 1)]).toEqual(['c1']);
  });

  it('only a connect makes a session: a release of a killed connection does not revive it', () => {
    const h = history().connect('c1').borrow('t1', 'c1').kill('c1').release('t1', 'c1');
    expect(sessionsAfter(h.events, 6).size).toBe(0);
  });

  it('a connect that failed, or is under way, is no session', () => {
    const h = history().connectStart('c1').connectStart('c2').connectFailed('c2');
    expect(sessionsAfter(h.events, 2).size).toBe(0);
  });

  it('a disconnect without a connection named changes nothing', () => {
    const h = history().connect('c1').info('server', 'disconnect').info('server', 'kill').info('server', 'connect');
    expect([...sessionsAfter(h.events, 4)]).toEqual(['c1']);
  });
});

describe('sessionsAt', () => {
  it('uses the history when no audit follows the marker', () => {
    const h = history().connect('c1').connect('c2').disconnect('c2').marker('quiet');
    expect([...sessionsAt(h.events, h.events[5]!)]).toEqual(['c1']);
  });

  it("uses the server's list when an audit follows the marker", () => {
    const h = history().connect('c1').marker('quiet').audit(['c1', 'c9']);
    expect([...sessionsAt(h.events, h.events[2]!)]).toEqual(['c1', 'c9']);
  });

  it("an audit past the next phase marker is that phase's, not this one's", () => {
    for (const next of ['quiet', 'probe', 'end'] as const) {
      const h = history().connect('c1').marker('quiet').marker(next).audit(['c7']);
      expect([...sessionsAt(h.events, h.events[2]!)]).toEqual(['c1']);
    }
  });

  it('an audit before the marker does not count', () => {
    const h = history().connect('c1').audit(['c7']).marker('end');
    expect([...sessionsAt(h.events, h.events[3]!)]).toEqual(['c1']);
  });

  it('an audit event without a list is skipped', () => {
    const h = history().connect('c1').marker('end').info('server', 'audit').audit(['c5']);
    expect([...sessionsAt(h.events, h.events[2]!)]).toEqual(['c5']);
  });

  it('other events between the marker and its audit do not stop the search', () => {
    const h = history().connect('c1').marker('end').disconnect('c1').audit(['c5']);
    expect([...sessionsAt(h.events, h.events[2]!)]).toEqual(['c5']);
  });
});

describe('closeInvoke and isProbe', () => {
  it('closeInvoke is the invoke of close, not its ok', () => {
    const h = history().at(5).close().at(6).closed();
    expect(closeInvoke(h.events)).toMatchObject({ i: 0, phase: 'invoke', at: 5 });
    expect(closeInvoke(history().acquire('t1').events)).toBeUndefined();
    const okOnly = history().close();
    expect(closeInvoke([{ ...okOnly.events[0]!, phase: 'ok' }])).toBeUndefined();
  });

  it('probe borrowers are the tasks named p…', () => {
    expect(isProbe('p1')).toBe(true);
    expect(isProbe('t1')).toBe(false);
    expect(isProbe('xp1')).toBe(false);
  });

describe('connectsUnanswered', () => {
  it('a connect invoked before the marker and neither ok nor failed by it is hung', () => {
    const h = history().connectStart('c1').connect('c2').connectStart('c3').connectFailed('c3').connectStart('c4').marker('probe');
    expect(connectsUnanswered(h.events, h.events.at(-1)).map((e) => e.conn)).toEqual(['c1', 'c4']);
  });

  it('an answer after the marker does not count, nor a connect begun after it', () => {
    const h = history().connectStart('c1').marker('probe').connected('c1').connectStart('c2');
    expect(connectsUnanswered(h.events, h.events[1]).map((e) => e.conn)).toEqual(['c1']);
  });

  it('other operations under way are no connects', () => {
    const h = history().acquire('t1').invoke('pool', 'ping', { conn: 'c1' }).marker('probe');
    expect(connectsUnanswered(h.events, h.events.at(-1))).toEqual([]);
  });
});
});
