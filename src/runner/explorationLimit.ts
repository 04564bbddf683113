// A rule's real-time limit on exploring and shrinking (live and fork mode), shared by the two
// property runners (checkRule, checkForkRule). It is applied between runs, never during one, and
// never before one run has finished: a rule cut short before anything was observed would have no
// verdict. Once it has stopped exploring it stays stopped, and the verdict says so (CutShort):
// fast-check goes on counting runs that pass without running.
import { realNow } from '../model/VirtualClock.ts';
import type { CutShort } from './Verdict.ts';

export interface ExplorationLimit {
  /** Whether the next run is skipped: the limit has passed (once true, it stays true). */
  stopped(): boolean;
  /** A run finished. */
  finished(): void;
  /** Runs that finished. */
  readonly runs: number;
  /** What the verdict says when the limit stopped exploring before `asked` runs, else null. */
  cutShort(asked: number): CutShort | null;
}

/** `limitMs` undefined: no limit (model mode). */
export function explorationLimit(limitMs: number | undefined): ExplorationLimit {
  const started = realNow();
  let runs = 0;
  let cut = false;
  return {
    stopped() {
      cut ||= limitMs !== undefined && runs > 0 && realNow() - started > limitMs;
      return cut;
    },
    finished() {
      runs++;
    },
    get runs() {
      return runs;
    },
    cutShort: (asked) => (cut && limitMs !== undefined ? { asked, limitMs } : null),
  };
}
