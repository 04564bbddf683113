// A hand-made run report with one verdict of every status, for the JUnit and HTML report tests:
// a failure with a small history (two borrowers, a kill, a failed acquire, the run's phases),
// and every string an adapter or an error could supply replaceable by something hostile.
import { referenceAdapter } from '../../adapters/reference/index.ts';
import type { HistoryEvent } from '../../src/history/History.ts';
import type { AdapterReport } from '../../src/runner/AdapterReport.ts';
import { CONTRACT_ONLY } from '../../src/runner/basisFor.ts';
import type { Workload } from '../../src/workload/Workload.ts';

export interface SampleStrings {
  readonly adapter: string;
  readonly spec: string;
  readonly pool: string;
  /** The failed rule's violation message. */
  readonly violation: string;
  /** The errored rule's message. */
  readonly error: string;
  /** A skipped rule's reason. */
  readonly reason: string;
  /** An error message inside the history (a failed acquire). */
  readonly historyError: string;
}

export const plainStrings: SampleStrings = {
  adapter: 'sample',
  spec: 'test/fixtures/sample.ts',
  pool: 'sample-pool',
  violation: 't2 was served before t1',
  error: 'the pool threw: boom',
  reason: 'the authors document it',
  historyError: 'timed out',
};

export const hostileStrings: SampleStrings = {
  adapter: '<script>window.pwned = 1</script>',
  spec: `"><img src=x onerror="window.pwned = 2">`,
  pool: `</title><script>window.pwned = 3</script>`,
  violation: `t2 "><img src=x onerror=alert(1)> & <svg onload="window.pwned = 4"> ]]> \x1b[31mred\x1b[0m`,
  error: `</pre></section><script>window.pwned = 5</script> \u0000 nul \uFFFE \uD800 lone`,
  reason: `' onmouseover='window.pwned = 6`,
  historyError: `<b onclick="x">t</b>&amp;`,
};

const workload: Workload = {
  config: { size: 1, maxOverflow: 0, acquireTimeoutMs: 10, idleTimeoutMs: null, min: 0 },
  promise: 'native',
  defaultConnectMs: 0,
  connects: [],
  kills: [{ at: 3, nth: 1 }],
  closeAt: null,
  tasks: [
    { kind: 'borrow', start: 0, together: false, timeoutMs: null, holdMs: 5, use: false, end: 'release' },
    { kind: 'borrow', start: 0, together: false, timeoutMs: null, holdMs: 0, use: false, end: 'release' },
    { kind: 'borrow', start: 1, together: false, timeoutMs: null, holdMs: 0, use: false, end: 'release' },
  ],
};

type Ev = Omit<HistoryEvent, 'i'>;

export function sampleHistory(s: SampleStrings): HistoryEvent[] {
  const events: Ev[] = [
    { op: 1, task: 't1', kind: 'acquire', phase: 'invoke', at: 0 },
    { op: 2, task: 'server', kind: 'connect', phase: 'invoke', at: 0, conn: 'c1' },
    { op: 3, task: 't2', kind: 'acquire', phase: 'invoke', at: 0 },
    { op: 2, task: 'server', kind: 'connect', phase: 'ok', at: 1, conn: 'c1', note: '1 open' },
    { op: 1, task: 't1', kind: 'acquire', phase: 'ok', at: 1, conn: 'c1' },
    { op: 4, task: 't3', kind: 'acquire', phase: 'invoke', at: 1 },
    { op: 5, task: 'server', kind: 'kill', phase: 'info', at: 3, conn: 'c1' },
    { op: 6, task: 'server', kind: 'connect', phase: 'invoke', at: 3, conn: 'c2' },
    { op: 6, task: 'server', kind: 'connect', phase: 'ok', at: 3, conn: 'c2', note: '1 open' },
    { op: 3, task: 't2', kind: 'acquire', phase: 'ok', at: 3, conn: 'c2' },
    { op: 7, task: 't2', kind: 'release', phase: 'invoke', at: 3, conn: 'c2' },
    { op: 7, task: 't2', kind: 'release', phase: 'ok', at: 3, conn: 'c2' },
    { op: 8, task: 't1', kind: 'release', phase: 'invoke', at: 6, conn: 'c1' },
    { op: 8, task: 't1', kind: 'release', phase: 'ok', at: 6, conn: 'c1' },
    { op: 4, task: 't3', kind: 'acquire', phase: 'fail', at: 11, error: { class: 'timeout', message: s.historyError } },
    { op: 9, task: 'run', kind: 'quiet', phase: 'info', at: 11, note: '1 open after 0 ms' },
    { op: 10, task: 'run', kind: 'close', phase: 'invoke', at: 11 },
    { op: 11, task: 'server', kind: 'disconnect', phase: 'info', at: 11, conn: 'c2', note: '0 open' },
    { op: 10, task: 'run', kind: 'close', phase: 'ok', at: 11 },
    { op: 12, task: 'run', kind: 'end', phase: 'info', at: 11, note: '0 open' },
  ];
  return events.map((e, i) => ({ i, ...e }));
}

/** The violation's events in the sample history: both acquires' invokes and t2's late ok. */
export const sampleMarks = [0, 2, 9];

export function sampleReport(s: SampleStrings = plainStrings): AdapterReport {
  const basis = { silent: CONTRACT_ONLY };
  return {
    adapter: s.adapter,
    spec: s.spec,
    pool: { name: s.pool, version: '1.0.0' },
    capabilities: referenceAdapter.capabilities,
    mode: 'model',
    profile: 'quick',
    numRuns: 30,
    seed: 7,
    ms: 1234,
    verdicts: [
      { rule: 'EXCL-1', status: 'passed', runs: 30, ms: 51.2, basis },
      {
        rule: 'WAIT-2',
        status: 'failed',
        runs: 2,
        ms: 35,
        basis,
        seed: 7,
        path: '1:0:2',
        shrinks: 16,
        counterexample: { workload, ties: [] },
        violation: { rule: 'WAIT-2', message: s.violation, events: sampleMarks },
        history: sampleHistory(s),
      },
      { rule: 'LEAK-1', status: 'errored', ms: 2500, basis, message: s.error, seed: 7, path: '3', counterexample: { workload, ties: [] } },
      { rule: 'ERR-1', status: 'errored', ms: 10, basis, message: s.error },
      { rule: 'EXCL-2', status: 'skipped', ms: 0, reason: s.reason, link: 'https://example.com/issues/1?a=1&b=2' },
      { rule: 'MIN-1', status: 'not-applicable', ms: 0, reason: 'the adapter does not declare `min`' },
    ],
  };
}
