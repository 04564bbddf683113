// FORK-1 and FORK-2's checkers, and the single-process ones inside each process, on hand-written fork-mode histories: every branch, each with the
// history that takes it.
import { describe, expect, it } from 'vitest';
import { connectionBound } from '../../src/checkers/connectionBound.ts';
import { exclusiveCheckout } from '../../src/checkers/exclusiveCheckout.ts';
import { noSessionAcrossProcesses } from '../../src/checkers/noSessionAcrossProcesses.ts';
import { sessionsAcrossProcesses } from '../../src/checkers/sessionsAcrossProcesses.ts';
import type { ForkWorkload } from '../../src/fork/ForkWorkload.ts';
import { inEachProcess, processHistories } from '../../src/fork/perProcess.ts';
import { HistoryBuilder } from '../checkers/history.ts';

const processes = { main: 100, c1: 101, c2: 102 };

/** A borrower that reads its session once and the server answers `conn`. */
function read(h: HistoryBuilder, task: string, conn: string): HistoryBuilder {
  return h.invoke(task, 'use', { conn }).ok(task, 'use', { conn, note: 'the server answered' });
}

describe('FORK-1: no session runs statements from two processes', () => {
  it('passes when every process reads sessions of its own', () => {
    const h = new HistoryBuilder();
    read(h.at(1), 'main.w1', 'c1');
    read(h.at(5), 'c1.t1', 'c2');
    read(h.at(6), 'c2.t1', 'c3');
    expect(noSessionAcrossProcesses({ history: h.events, processes })).toEqual([]);
  });

  it('passes when one process reads a session many times, from several borrowers', () => {
    const h = new HistoryBuilder();
    read(h.at(1), 'c1.t1', 'c2');
    read(h.at(2), 'c1.t2', 'c2');
    read(h.at(3), 'c1.t1', 'c2');
    expect(noSessionAcrossProcesses({ history: h.events, processes })).toEqual([]);
  });

  it("fails when a child's statement ran on a session the parent read, naming both pids and both statements", () => {
    const h = new HistoryBuilder();
    read(h.at(1), 'main.w1', 'c1');
    read(h.at(9), 'c2.t1', 'c1');
    const [v] = noSessionAcrossProcesses({ history: h.events, processes });
    expect(v?.rule).toBe('FORK-1');
    expect(v?.message).toBe('session c1 ran statements from two processes: the server answered a session read from the parent (pid 100), task main.w1 at 1 ms, and from child c2 (pid 102), task c2.t1 at 9 ms');
    expect(v?.events).toEqual([1, 3]);
  });

  it('fails when two children share a session, and judges only the answers the server gave', () => {
    const h = new HistoryBuilder();
    // A read that failed (a garbled stream) proves nothing: its conn is the lease's, not an answer.
    h.at(2).invoke('c1.t1', 'use', { conn: 'c4' }).fail('c1.t1', 'use', { class: 'other', message: 'no results to fetch' }, { conn: 'c4' });
    read(h.at(3), 'c2.t1', 'c4');
    expect(noSessionAcrossProcesses({ history: h.events, processes })).toEqual([]);
    read(h.at(4), 'c1.t2', 'c4');
    const [v] = noSessionAcrossProcesses({ history: h.events, processes });
    expect(v?.message).toContain('from child c2 (pid 102), task c2.t1 at 3 ms, and from child c1 (pid 101), task c1.t2 at 4 ms');
  });

  it('names a process without a known pid by its label alone', () => {
    const h = new HistoryBuilder();
    read(h.at(1), 'main.w1', 'c1');
    read(h.at(2), 'c3.t1', 'c1');
    const [v] = noSessionAcrossProcesses({ history: h.events, processes });
    expect(v?.message).toContain('from child c3, task c3.t1');
  });
});

const workload = (children: number): ForkWorkload => ({
  kind: 'fork',
  config: { size: 1, maxOverflow: 1, acquireTimeoutMs: 1000, idleTimeoutMs: null, min: 0 },
  warm: 1,
  heldAtFork: 0,
  children: Array.from({ length: children }, () => [{ startMs: 0, holdMs: 0, reads: 1, rounds: 1 }]),
  parent: [],
});

function open(h: HistoryBuilder, conn: string): HistoryBuilder {
  return h.invoke('server', 'connect', { conn }).ok('server', 'connect', { conn });
}

describe('FORK-2: at most processes × (size + maxOverflow) sessions at once', () => {
  it('passes at exactly the bound (3 processes × 2 = 6)', () => {
    const h = new HistoryBuilder();
    for (let i = 1; i <= 6; i++) open(h.at(i), `c${i}`);
    expect(sessionsAcrossProcesses({ history: h.events, workload: workload(2) })).toEqual([]);
  });

  it('fails the moment the count passes the bound, listing the open sessions', () => {
    const h = new HistoryBuilder();
    for (let i = 1; i <= 7; i++) open(h.at(i), `c${i}`);
    const [v] = sessionsAcrossProcesses({ history: h.events, workload: workload(2) });
    expect(v?.rule).toBe('FORK-2');
    expect(v?.message).toBe('7 sessions were open at 7 ms (c1, c2, c3, c4, c5, c6, c7): more than 3 processes × (size 1 + maxOverflow 1) = 6');
    expect(v?.events).toEqual([h.events.length - 1]);
  });

  it('counts a session closed by its pool, or ended by the server, as gone', () => {
    const h = new HistoryBuilder();
    for (let i = 1; i <= 6; i++) open(h.at(i), `c${i}`);
    h.info('server', 'disconnect', { conn: 'c1' });
    open(h, 'c7');
    h.info('server', 'kill', { conn: 'c2' });
    open(h, 'c8');
    expect(sessionsAcrossProcesses({ history: h.events, workload: workload(2) })).toEqual([]);
  });

  it('counts connects that succeeded only, and the bound grows with the children', () => {
    const h = new HistoryBuilder();
    for (let i = 1; i <= 6; i++) open(h.at(i), `c${i}`);
    h.invoke('server', 'connect', { conn: 'c7' }).fail('server', 'connect', { class: 'connect', message: 'refused' }, { conn: 'c7' });
    expect(sessionsAcrossProcesses({ history: h.events, workload: workload(2) })).toEqual([]);
    open(h, 'c8');
    expect(sessionsAcrossProcesses({ history: h.events, workload: workload(2) })).toHaveLength(1);
    expect(sessionsAcrossProcesses({ history: h.events, workload: workload(3) })).toEqual([]);
  });
});

describe('EXCL-1 and BOUND-1 inside each process', () => {
  const excl = inEachProcess(exclusiveCheckout('EXCL-1'));
  const bound = inEachProcess(connectionBound);
  /** The parent leased c1 and gave it back before forking c1 and c2. */
  const forked = (): HistoryBuilder => {
    const h = new HistoryBuilder();
    h.at(1).connect('c1').borrow('main.w1', 'c1').release('main.w1', 'c1');
    return h.at(2).info('c1', 'fork', { note: 'pid 101' }).info('c2', 'fork', { note: 'pid 102' });
  };
  const run = (h: HistoryBuilder, w = workload(2)) => ({ history: h.events, workload: w, processes });

  it('passes when each process hands a session to one borrower at a time, though two processes hand out the same one (that is FORK-1)', () => {
    const h = forked();
    h.at(3).borrow('c1.t1', 'c1').borrow('c2.t1', 'c1').borrow('main.t1', 'c1');
    expect(excl(run(h))).toEqual([]);
  });

  it('fails EXCL-1 when one child hands one session to two of its borrowers, naming the child and its pid', () => {
    const h = forked();
    h.at(3).borrow('c2.t1', 'c1').at(4).borrow('c2.t2', 'c1');
    const [v] = excl(run(h));
    expect(v?.rule).toBe('EXCL-1');
    expect(v?.message).toBe('in child c2 (pid 102): c2.t2 was given connection c1 at 4 ms while c2.t1 still held it (since 3 ms)');
  });

  it("counts for BOUND-1 only the sessions a process opened after it became one: inherited ones are nobody's", () => {
    const h = forked();
    // c2 leases the inherited c1 and three sessions of its own; its capacity is 2.
    h.at(3).borrow('c2.t1', 'c1').connect('c3').borrow('c2.t2', 'c3').connect('c4').borrow('c2.t3', 'c4');
    expect(bound(run(h))).toEqual([]);
    h.at(4).connect('c5').borrow('c2.t4', 'c5');
    const [v] = bound(run(h));
    expect(v?.message).toBe('in child c2 (pid 102): 3 connections were open at 4 ms (c3, c4, c5), above size + maxOverflow = 2');
  });

  it("counts for BOUND-1 the parent's sessions after its last fork, and no session nobody leased", () => {
    const h = forked();
    h.at(3).connect('c6').connect('c7').connect('c8').borrow('main.t1', 'c6').borrow('main.t2', 'c7');
    expect(bound(run(h))).toEqual([]);
    h.at(4).borrow('main.t3', 'c8');
    expect(bound(run(h))[0]?.message).toBe('in the parent (pid 100): 3 connections were open at 3 ms (c6, c7, c8), above size + maxOverflow = 2');
  });

  it('keeps the run’s event indexes, so the report marks them in the whole history', () => {
    const h = forked();
    h.at(3).borrow('c1.t1', 'c1').borrow('c1.t2', 'c1');
    const [v] = excl(run(h));
    const marked = v?.events?.map((i) => h.events[i]?.task);
    expect(marked).toEqual(['c1.t1', 'c1.t2']);
  });

  it('splits a history into the parent and each forked child, leaving fork markers out', () => {
    const parts = processHistories(forked().events);
    expect([...parts.keys()]).toEqual(['main', 'c1', 'c2']);
    expect(parts.get('main')!.every((e) => e.task === 'main.w1')).toBe(true);
    expect(parts.get('c1')).toEqual([]);
  });
});
