import type { RunRecord } from '../runner/RunRecord.ts';

/** One way a run broke a rule, with the history events (by index) that show it. */
export interface Violation {
  readonly rule: string;
  readonly message: string;
  readonly events: readonly number[];
}

/** A checker is a pure function of a run: no violations means the run kept the rule. */
export type Checker = (run: RunRecord) => Violation[];
