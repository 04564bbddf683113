import type { RunRecord } from '../runner/RunRecord.ts';

/** One way a run broke a rule, with the history events (by index) that show it. */
export interface Violation {
  readonly rule: string;
  readonly message: string;
  readonly events: readonly number[];
}

/**
 * A run that observed nothing the rule could be judged on: it ended before something the rule
 * waits for could have happened (a pool's own acquire timeout beyond the drain's limit, say).
 * Never a failure; a rule with such runs and no failure is reported `skipped` with the reason.
 */
export interface NotJudged {
  readonly rule: string;
  readonly notJudged: string;
  /** A note has no message or events of a violation: `finding.message` reads undefined. */
  readonly message?: undefined;
  readonly events?: undefined;
}

export type Finding = Violation | NotJudged;

/** A checker is a pure function of a run: no findings means the run kept the rule. */
export type Checker = (run: RunRecord) => Finding[];
