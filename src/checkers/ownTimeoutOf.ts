// How long the pool's own timer gives an acquire before it fails it, in workload ms: the call's
// own timeout (per-acquire timeouts), else the configured acquireTimeoutMs, else the default the
// adapter declares for a pool whose timeout cannot be turned off (tarn's 30 s). null when no timer
// of the pool's will ever settle it (only close, a release or a connect can).
//
// The drain after close lasts until every pending acquire could have settled by this timeout
// (WorkloadRun), and checkers leave unjudged what a run ended too early to see (unobserved.ts).
import type { RunRecord } from '../runner/RunRecord.ts';

export interface OwnTimeout {
  readonly ms: number;
  /** Where it comes from: the call, the configuration, or the pool's default. */
  readonly source: 'call' | 'config' | 'default';
}

type TimedRun = Pick<RunRecord, 'workload' | 'capabilities'>;

export function ownTimeoutOf(run: TimedRun, task: string): OwnTimeout | null {
  // Workload tasks are t1, t2, ... in workload order; probe borrowers pass no timeout of their own.
  const own = /^t(\d+)$/.exec(task);
  const t = own ? run.workload.tasks[Number(own[1]) - 1] : undefined;
  if (t?.kind === 'borrow' && t.timeoutMs !== null) return { ms: t.timeoutMs, source: 'call' };
  return poolTimeoutOf(run);
}

/** The pool's timeout for acquires without one of their own: configured, else its declared default. */
export function poolTimeoutOf({ workload, capabilities }: TimedRun): OwnTimeout | null {
  if (workload.config.acquireTimeoutMs !== null) return { ms: workload.config.acquireTimeoutMs, source: 'config' };
  const byDefault = capabilities.acquireTimeout?.defaultMs ?? null;
  return byDefault === null ? null : { ms: byDefault, source: 'default' };
}
