// judgeAdapter behind a thread boundary: the same verdicts, judged in a worker thread the main
// thread can stop. The contract (WorkerOrder.ts): "judge this adapter spec's rules with these
// resolved options (on this database); here are the verdicts". One worker per (adapter, mode),
// not per workload: model mode runs thousands of workloads a second.
//
// When the pool stops the worker (a synchronous loop: the stall limit; a throw the runner could
// not attribute to a workload: the thread's error), the rule being judged is `errored` with what
// was running (the adapter call on the stack and the workload, from the beacon), what the live
// run left on its database is removed from here (workerLeftovers.ts), and a fresh worker judges
// the rules that remain.
// After a stall the adapter counts as hung, as the watchdog's hang does: its later rules are not
// run again (each would wait out the limit once more).
import type { LoadedAdapter } from '../adapter/loadAdapter.ts';
import { realNow } from '../model/VirtualClock.ts';
import type { RunOptions } from '../options/resolveRunOptions.ts';
import type { AdapterHead, Reporter } from '../reports/Reporter.ts';
import type { AdapterReport } from '../runner/AdapterReport.ts';
import { adapterHead } from '../runner/adapterHead.ts';
import { basisFor } from '../runner/basisFor.ts';
import type { Verdict } from '../runner/Verdict.ts';
import { ruleById } from '../spec/rules.ts';
import { runWorker } from './runWorker.ts';
import { stallLimitMs } from './stallLimitMs.ts';
import { trackWorkerLeftovers } from './workerLeftovers.ts';
import type { LiveOrder } from './WorkerOrder.ts';

/** Live mode: the database the main thread provisioned, or SQLite; a progress hook. */
export interface IsolatedLive {
  readonly database: LiveOrder;
  /** Fork mode on that database: the cross-process rules. */
  readonly fork?: boolean;
  readonly onWorkload?: () => void;
}

export async function judgeIsolated(loaded: LoadedAdapter, options: RunOptions, reporter: Reporter = {}, live?: IsolatedLive): Promise<AdapterReport> {
  const started = realNow();
  // The worker loads the adapter anew: what this thread loaded is only its description.
  await loaded.dispose?.();
  const stallMs = stallLimitMs(live?.fork ? 'fork' : live ? 'live' : 'model', options.profile);
  let head: AdapterHead | null = null;
  const start = (info?: AdapterHead['live']): AdapterHead => {
    if (head === null) {
      head = adapterHead(loaded, options, live && { ...(info ? { info } : {}), fork: live.fork === true });
      reporter.onAdapterStart?.(head);
    }
    return head;
  };
  if (!live) start();
  const verdicts: Verdict[] = [];
  let hung: string | null = null;
  while (verdicts.length < options.rules.length) {
    let removeLeftovers: ((workerCleanedUp: boolean) => Promise<void>) | null = null;
    let since = realNow();
    const end = await runWorker({ spec: loaded.spec, options: { ...options, rules: options.rules.slice(verdicts.length) }, live: live?.database ?? null, fork: live?.fork === true, hung }, stallMs, {
      onLive(runId, info) {
        if (live) removeLeftovers = trackWorkerLeftovers(live.database, runId, info, live.fork === true);
        start(info);
      },
      onWorkload: () => live?.onWorkload?.(),
      onVerdict(verdict) {
        verdicts.push(verdict);
        reporter.onRuleResult?.(start(), ruleById(verdict.rule)!, verdict);
        since = realNow();
      },
    });
    // Assigned in a callback: TypeScript's narrowing cannot see it.
    await (removeLeftovers as ((workerCleanedUp: boolean) => Promise<void>) | null)?.(end.kind === 'done');
    if (end.kind === 'done') break;
    const rule = options.rules[verdicts.length];
    if (rule === undefined) break;
    const verdict: Verdict = { rule, ms: realNow() - since, status: 'errored', message: end.message, basis: basisFor(loaded.adapter, rule), ...(end.counterexample ? { counterexample: end.counterexample } : {}) };
    verdicts.push(verdict);
    reporter.onRuleResult?.(start(), ruleById(rule)!, verdict);
    if (end.kind === 'stalled') hung = end.message;
  }
  const report: AdapterReport = { ...start(), verdicts, ms: realNow() - started };
  await reporter.onAdapterEnd?.(report);
  return report;
}
