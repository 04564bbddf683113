// Fork mode's properties: fork-mode workloads (src/fork/), and the checker that judges each run.
// The cross-process rules are judged over the whole run against the server's evidence; the
// single-process rules whose evidence a fork-mode workload produces (exclusive checkout, the
// bound of a pool's sessions) are judged inside each process by live mode's own checkers. The
// others need what fork-mode workloads leave out (timeouts, faults, probes, a close under load):
// live mode judges them on the same adapter.
import { connectionBound } from '../src/checkers/connectionBound.ts';
import { exclusiveCheckout } from '../src/checkers/exclusiveCheckout.ts';
import { noSessionAcrossProcesses } from '../src/checkers/noSessionAcrossProcesses.ts';
import { sessionsAcrossProcesses } from '../src/checkers/sessionsAcrossProcesses.ts';
import type { Finding } from '../src/checkers/Violation.ts';
import type { ForkRecord } from '../src/fork/openForkRunner.ts';
import { inEachProcess } from '../src/fork/perProcess.ts';

export interface ForkSuite {
  readonly rule: string;
  readonly check: (run: ForkRecord) => Finding[];
}

export const forkSuites: readonly ForkSuite[] = [
  { rule: 'EXCL-1', check: inEachProcess(exclusiveCheckout('EXCL-1')) },
  { rule: 'BOUND-1', check: inEachProcess(connectionBound) },
  { rule: 'FORK-1', check: noSessionAcrossProcesses },
  { rule: 'FORK-2', check: sessionsAcrossProcesses },
];

export function forkSuiteFor(rule: string): ForkSuite | undefined {
  return forkSuites.find((s) => s.rule === rule);
}

/** Rules fork mode judges: the cross-process ones, and the single-process ones inside each process. */
export const isForkModeRule = (rule: string): boolean => forkSuiteFor(rule) !== undefined;
