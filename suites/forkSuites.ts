// The cross-process rules' properties: fork-mode workloads (src/fork/), and the checker that
// judges each run's history against the server's evidence.
import { noSessionAcrossProcesses } from '../src/checkers/noSessionAcrossProcesses.ts';
import { sessionsAcrossProcesses } from '../src/checkers/sessionsAcrossProcesses.ts';
import type { Finding } from '../src/checkers/Violation.ts';
import type { ForkRecord } from '../src/fork/openForkRunner.ts';

export interface ForkSuite {
  readonly rule: string;
  readonly check: (run: ForkRecord) => Finding[];
}

export const forkSuites: readonly ForkSuite[] = [
  { rule: 'FORK-1', check: noSessionAcrossProcesses },
  { rule: 'FORK-2', check: sessionsAcrossProcesses },
];

export function forkSuiteFor(rule: string): ForkSuite | undefined {
  return forkSuites.find((s) => s.rule === rule);
}
