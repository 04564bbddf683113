// A rule's outcome for one adapter. A violation is a `failed` verdict, never an exception.
import type { HistoryEvent } from '../history/History.ts';
import type { Violation } from '../checkers/Violation.ts';
import type { Workload } from '../workload/Workload.ts';
import type { ForkWorkload } from '../fork/ForkWorkload.ts';
import type { VerdictBasis } from './basisFor.ts';

export interface Counterexample {
  /** A fork-mode workload (`kind: 'fork'`) in fork mode. */
  readonly workload: Workload | ForkWorkload;
  /** The clock's tie choices (see VirtualClock). */
  readonly ties: readonly number[];
}

/** How many workloads were asked for, and the real-time limit that ended the rule before them. */
export interface CutShort {
  readonly asked: number;
  readonly limitMs: number;
}

interface Base {
  readonly rule: string;
  /** Wall-clock milliseconds spent on the rule. */
  readonly ms: number;
}

/** A rule that was judged: whether the pool's documentation promises what it asks (basisFor). */
interface Judged extends Base {
  readonly basis: VerdictBasis;
}

export type Verdict =
  | (Judged & {
      readonly status: 'passed';
      /** Workloads that ran, every one keeping the rule. */
      readonly runs: number;
      /** Live and fork mode: the rule's real-time limit stopped exploring before `asked` workloads ran. */
      readonly cutShort?: CutShort;
    })
  | (Judged & {
      readonly status: 'failed';
      readonly runs: number;
      readonly seed: number;
      readonly path: string;
      readonly shrinks: number;
      readonly counterexample: Counterexample;
      readonly violation: Violation;
      readonly history: readonly HistoryEvent[];
    })
  | (Base & { readonly status: 'not-applicable'; readonly reason: string })
  | (Base & { readonly status: 'skipped'; readonly reason: string; readonly link?: string })
  | (Judged & {
      readonly status: 'errored';
      readonly message: string;
      readonly seed?: number;
      readonly path?: string;
      readonly counterexample?: Counterexample;
    });

export type Status = Verdict['status'];
