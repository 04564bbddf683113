// One property per rule: the workloads that can expose it, and the checker that judges each run.
// Rules whose checker shares a judgement (EXCL-1/EXCL-2, the capacity probe) differ in the
// workloads they generate, so each verdict says which kind of trouble the pool got into.
import { arrivalOrder } from '../src/checkers/arrivalOrder.ts';
import { cleanClose } from '../src/checkers/cleanClose.ts';
import { connectErrorsReachBorrower } from '../src/checkers/connectErrorsReachBorrower.ts';
import { connectionBound } from '../src/checkers/connectionBound.ts';
import { deadNotHandedOut } from '../src/checkers/deadNotHandedOut.ts';
import { exclusiveCheckout } from '../src/checkers/exclusiveCheckout.ts';
import { fullCapacityAgain } from '../src/checkers/fullCapacityAgain.ts';
import { minimumKept } from '../src/checkers/minimumKept.ts';
import { noTimeoutBesideFreeCapacity } from '../src/checkers/noTimeoutBesideFreeCapacity.ts';
import { overflowRetention } from '../src/checkers/overflowRetention.ts';
import { reachableCapacity } from '../src/checkers/reachableCapacity.ts';
import { settlesOnce } from '../src/checkers/settlesOnce.ts';
import { timeoutOnTime } from '../src/checkers/timeoutOnTime.ts';
import type { Checker } from '../src/checkers/Violation.ts';
import { wakeUp } from '../src/checkers/wakeUp.ts';
import { shape, type WorkloadShape } from '../src/workload/WorkloadShape.ts';

export interface RuleSuite {
  readonly rule: string;
  readonly shape: WorkloadShape;
  readonly check: Checker;
}

const allEnds = ['release', 'destroy', 'double-release'] as const;

export const ruleSuites: readonly RuleSuite[] = [
  { rule: 'EXCL-1', shape: shape({ ends: ['release', 'destroy'], kills: true }), check: exclusiveCheckout('EXCL-1') },
  { rule: 'EXCL-2', shape: shape({ ends: allEnds }), check: exclusiveCheckout('EXCL-2') },
  { rule: 'BOUND-1', shape: shape({ maxTasks: 8, ends: ['release', 'destroy'] }), check: connectionBound },
  { rule: 'BOUND-2', shape: shape({ acquireTimeout: 'never' }), check: overflowRetention },
  { rule: 'BOUND-3', shape: shape({ acquireTimeout: 'never', ends: ['release', 'destroy'] }), check: reachableCapacity },
  { rule: 'WAIT-1', shape: shape({ ends: ['release', 'destroy'] }), check: wakeUp },
  { rule: 'WAIT-2', shape: shape({ acquireTimeout: 'never' }), check: arrivalOrder },
  { rule: 'SETTLE-1', shape: shape({ close: true, ends: allEnds }), check: settlesOnce },
  { rule: 'TIME-1', shape: shape({ acquireTimeout: 'always', poolDefaultTimeout: true, connectFaults: true, connectHangs: true }), check: timeoutOnTime },
  { rule: 'TIME-2', shape: shape({ acquireTimeout: 'always', ends: ['release', 'destroy'] }), check: noTimeoutBesideFreeCapacity },
  { rule: 'TIME-3', shape: shape({ acquireTimeout: 'always' }), check: fullCapacityAgain('TIME-3', 'after waiters timed out') },
  { rule: 'LEAK-1', shape: shape({ acquireTimeout: 'never', ends: ['release', 'destroy'] }), check: fullCapacityAgain('LEAK-1', 'after every borrower was done') },
  { rule: 'ERR-1', shape: shape({ connectFaults: true }), check: connectErrorsReachBorrower },
  { rule: 'ERR-2', shape: shape({ ends: ['release', 'destroy'], kills: true }), check: deadNotHandedOut },
  { rule: 'CLOSE-1', shape: shape({ close: true, connectHangs: true }), check: cleanClose },
  { rule: 'QUERY-1', shape: shape({ queries: true, acquireTimeout: 'never' }), check: fullCapacityAgain('QUERY-1', 'after pool.query calls') },
  { rule: 'MIN-1', shape: shape({ min: true, acquireTimeout: 'never' }), check: minimumKept },
];

export const suiteFor = (rule: string): RuleSuite | undefined => ruleSuites.find((s) => s.rule === rule);
