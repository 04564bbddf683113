// BOUND-2: each branch of overflowRetention over a hand-written history (size 1, overflow 1).
import { describe, expect, it } from 'vitest';
import { overflowRetention } from '../../src/checkers/overflowRetention.ts';
import { history, run } from './history.ts';

const opts = { config: { size: 1, maxOverflow: 1 } };

describe('overflowRetention', () => {
  it('overflow still open once the pool was quiet', () => {
    const h = history().connect('c1').connect('c2').at(50).marker('quiet', '2 open after 40 ms');
    expect(overflowRetention(run(h, opts))).toEqual([
      { rule: 'BOUND-2', message: '2 connections (c1, c2) were still open once the pool was quiet at 50 ms; size is 1', events: [4] },
    ]);
  });

  it('overflow closed before the pool was quiet', () => {
    const h = history().connect('c1').connect('c2').disconnect('c2').marker('quiet');
    expect(overflowRetention(run(h, opts))).toEqual([]);
  });

  it('overflow closed only after the quiet marker still counts as open at it', () => {
    const h = history().connect('c1').connect('c2').marker('quiet').disconnect('c2');
    expect(overflowRetention(run(h, opts))).toHaveLength(1);
  });

  it("the server's audit after the marker is what counts (live mode)", () => {
    const h = history().connect('c1').connect('c2').disconnect('c2').marker('quiet').audit(['c1', 'c2']);
    expect(overflowRetention(run(h, opts))[0]?.message).toMatch(/^2 connections \(c1, c2\)/);
  });

  it('a run without a quiet phase is not judged', () => {
    const h = history().connect('c1').connect('c2');
    expect(overflowRetention(run(h, opts))).toEqual([]);
  });

  it('a quiet phase that was skipped is not judged: a note says so', () => {
    const h = history().connect('c1').connect('c2').at(40).marker('quiet', 'skipped: 1 task(s) still waiting');
    expect(overflowRetention(run(h, opts))).toEqual([
      { rule: 'BOUND-2', notJudged: "the pool never got quiet: at the work phase's horizon (40 ms) 1 task(s) still waiting" },
    ]);
  });

  it('a quiet note that mentions skipping later in its text is still judged', () => {
    const h = history().connect('c1').connect('c2').marker('quiet', '2 open, not skipped');
    expect(overflowRetention(run(h, opts))).toHaveLength(1);
  });

  it('only the quiet marker\'s note says it was skipped: another event\'s note does not', () => {
    const h = history().connect('c1').connect('c2').acquire('t9', 'skipped: not this').info('run', 'probe', { note: 'skipped: nor this' }).marker('quiet', '2 open');
    expect(overflowRetention(run(h, opts))[0]?.message).toMatch(/^2 connections/);
  });

  it("the note quotes what the marker says after 'skipped: ', and only that prefix is dropped", () => {
    const h = history().connect('c1').marker('quiet', 'skipped: 1 task(s) still waiting; skipped: twice');
    expect(overflowRetention(run(h, opts))).toEqual([
      { rule: 'BOUND-2', notJudged: "the pool never got quiet: at the work phase's horizon (0 ms) 1 task(s) still waiting; skipped: twice" },
    ]);
  });
});
