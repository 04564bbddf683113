// The progress display against a fake terminal: the status line is rewritten in place, never
// left inside the permanent lines printed around it, and gone once the run ends.
import { describe, expect, it, vi } from 'vitest';
import { progressReporter, wantsProgress } from '../../src/reports/progressReporter.ts';
import type { AdapterHead } from '../../src/reports/Reporter.ts';
import type { Rule } from '../../src/spec/rules.ts';
import type { Verdict } from '../../src/runner/Verdict.ts';
import type { AdapterReport } from '../../src/runner/AdapterReport.ts';

const CLEAR = '\r\x1b[2K';

/** A terminal of one column of lines: `\r\x1b[2K` blanks the line the cursor is on. */
function fakeTerminal() {
  const raw: string[] = [];
  const done: string[] = [];
  let current = '';
  return {
    raw,
    write: (s: string) => {
      raw.push(s);
      for (const [i, part] of s.split(CLEAR).entries()) {
        if (i > 0) current = '';
        const lines = part.split('\n');
        current += lines[0];
        for (const line of lines.slice(1)) {
          done.push(current);
          current = line;
        }
      }
    },
    /** Lines scrolled up for good, and the line the cursor is on. */
    screen: () => ({ done: [...done], status: current }),
  };
}

const head = (mode: 'model' | 'live'): AdapterHead => ({
  adapter: 'tarn',
  spec: 'tarn',
  pool: { name: 'tarn', version: '3.1.2' },
  capabilities: {} as AdapterHead['capabilities'],
  mode,
  profile: 'quick',
  numRuns: 3,
  seed: 1,
});
const rule = { id: 'EXCL-1' } as Rule;
const verdict: Verdict = { rule: 'EXCL-1', ms: 1, status: 'passed', runs: 3, basis: { silent: "poolcheck's contract; the documentation is silent" } };
const report = { ...head('live'), verdicts: [verdict], ms: 5 } as AdapterReport;

describe('progressReporter on a terminal', () => {
  it('shows adapter, mode, rule k of n, live workloads and elapsed time on one line rewritten in place', () => {
    const term = fakeTerminal();
    let now = 0;
    const progress = progressReporter({ write: term.write, rules: ['EXCL-1', 'LEAK-1'], now: () => now, columns: () => 120, refreshMs: 0 });
    progress.onAdapterStart(head('live'));
    expect(term.screen()).toEqual({ done: [], status: 'tarn · live · rule 1 of 2 EXCL-1 · 0 s' });
    now = 2_400;
    progress.workloadDone();
    expect(term.screen().status).toBe('tarn · live · rule 1 of 2 EXCL-1 · 1/3 workloads · 2 s');
    progress.onRuleResult(head('live'), rule, verdict);
    expect(term.screen()).toEqual({ done: [], status: 'tarn · live · rule 2 of 2 LEAK-1 · 2 s' });
  });

  it('clears the status line before a permanent line and draws it again below', () => {
    const term = fakeTerminal();
    const progress = progressReporter({ write: term.write, rules: ['EXCL-1'], now: () => 0, columns: () => 120, refreshMs: 0 });
    progress.onAdapterStart(head('model'));
    progress.print('  ✓ EXCL-1   passed\n');
    progress.print('  reports: x\n');
    expect(term.screen()).toEqual({ done: ['  ✓ EXCL-1   passed', '  reports: x'], status: 'tarn · model · rule 1 of 1 EXCL-1 · 0 s' });
  });

  it('leaves nothing behind when an adapter ends, and says what happens between adapters', () => {
    const term = fakeTerminal();
    const progress = progressReporter({ write: term.write, rules: ['EXCL-1'], now: () => 0, columns: () => 120, refreshMs: 0 });
    progress.onAdapterStart(head('model'));
    progress.onRuleResult(head('model'), rule, verdict);
    void progress.onAdapterEnd(report);
    progress.print('  tarn: core ✓\n');
    expect(term.screen()).toEqual({ done: ['  tarn: core ✓'], status: '' });
    progress.note('pg-pool · live · opening postgres');
    expect(term.screen().status).toBe('pg-pool · live · opening postgres · 0 s');
    progress.stop();
    expect(term.screen()).toEqual({ done: ['  tarn: core ✓'], status: '' });
  });

  it('never writes a status line wider than the terminal (a wrapped one could not be cleared)', () => {
    const term = fakeTerminal();
    const progress = progressReporter({ write: term.write, rules: ['EXCL-1'], now: () => 0, columns: () => 20, refreshMs: 0 });
    progress.onAdapterStart(head('live'));
    expect(term.screen().status).toBe('tarn · live · rule…');
  });

  it('redraws the elapsed time on its own clock, and stops it', () => {
    vi.useFakeTimers();
    try {
      const term = fakeTerminal();
      let now = 0;
      const progress = progressReporter({ write: term.write, rules: ['EXCL-1'], now: () => now, columns: () => 120, refreshMs: 1_000 });
      progress.onAdapterStart(head('model'));
      now = 7_000;
      vi.advanceTimersByTime(1_000);
      expect(term.screen().status).toBe('tarn · model · rule 1 of 1 EXCL-1 · 7 s');
      progress.stop();
      const writes = term.raw.length;
      vi.advanceTimersByTime(5_000);
      expect(term.raw.length).toBe(writes);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('wantsProgress', () => {
  it('is on for a terminal only, and off in CI or on a dumb terminal', () => {
    expect(wantsProgress({ isTTY: true }, {})).toBe(true);
    expect(wantsProgress({ isTTY: false }, {})).toBe(false);
    expect(wantsProgress({}, {})).toBe(false);
    expect(wantsProgress({ isTTY: true }, { CI: 'true' })).toBe(false);
    expect(wantsProgress({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
  });
});
