// One worker thread judging one adapter (judgeWorker.ts), watched from the main thread: its
// verdicts are handed on as they come, and it is terminated when it ends, when it throws, or when
// it has shown no sign of life for the stall limit (stallLimitMs.ts). `worker.terminate()` stops
// JavaScript in a synchronous loop; the thread's sockets and servers (the live fault proxy) close
// with it. What the pool was doing then is read from the beacon.
import { Worker } from 'node:worker_threads';
import { PoolcheckError, type ErrorCode } from '../errors.ts';
import type { LiveInfo } from '../runner/AdapterReport.ts';
import type { Counterexample, Verdict } from '../runner/Verdict.ts';
import { formatLimit } from '../runner/watchdog.ts';
import { SharedBeacon } from './SharedBeacon.ts';
import type { WorkerOrder, WorkerReport } from './WorkerOrder.ts';

/** How the worker ended: judged everything, or stopped (stalled, threw, exited) during a rule. */
export type WorkerEnd =
  | { readonly kind: 'done' }
  | { readonly kind: 'stalled' | 'crashed'; readonly message: string; readonly counterexample: Counterexample | null };

export interface WorkerHooks {
  onLive(runId: string, info: LiveInfo): void;
  onWorkload(): void;
  onVerdict(verdict: Verdict): void;
}

/** How often the main thread looks at the worker's count of signs of life. */
const WATCH_MS = 50;

// Plain JavaScript from the sources and the build alike (it is copied into dist/ as it is).
const entry = new URL('./workerEntry.js', import.meta.url);

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export function runWorker(order: Omit<WorkerOrder, 'beacon'>, stallMs: number, hooks: WorkerHooks): Promise<WorkerEnd> {
  const shared = new SharedBeacon();
  const worker = new Worker(entry, { workerData: { ...order, beacon: shared.buffer } satisfies WorkerOrder });
  return new Promise<WorkerEnd>((resolve, reject) => {
    let settled = false;
    let watch: ReturnType<typeof setInterval> | undefined;
    const end = (outcome: WorkerEnd | PoolcheckError): void => {
      if (settled) return;
      settled = true;
      clearInterval(watch);
      // A thread stuck in a loop, or one whose pool left timers behind, ends here either way.
      void worker.terminate().then(
        () => (outcome instanceof PoolcheckError ? reject(outcome) : resolve(outcome)),
        () => (outcome instanceof PoolcheckError ? reject(outcome) : resolve(outcome)),
      );
    };
    const stopped = (kind: 'stalled' | 'crashed', message: string): void => end({ kind, message, counterexample: shared.lastWorkload() });
    const startWatch = (): void => {
      let beats = shared.beats();
      let changed = performance.now();
      watch = setInterval(() => {
        const now = performance.now();
        const seen = shared.beats();
        if (seen !== beats) {
          beats = seen;
          changed = now;
          return;
        }
        if (now - changed < stallMs) return;
        const call = shared.callOnStack();
        const what = call === null ? 'the pool kept its thread busy outside any adapter call (in a callback of its own)' : `${call} had not returned`;
        stopped('stalled', `the pool did not yield for ${formatLimit(stallMs)}: ${what}; the thread judging it was stopped`);
      }, WATCH_MS);
    };
    worker.on('message', (report: WorkerReport) => {
      switch (report.kind) {
        case 'started':
          return startWatch();
        case 'live':
          return hooks.onLive(report.runId, report.info);
        case 'workload':
          return hooks.onWorkload();
        case 'verdict':
          return hooks.onVerdict(report.verdict);
        case 'done':
          return end({ kind: 'done' });
        case 'environment':
          return end(new PoolcheckError(report.code as ErrorCode, report.message));
      }
    });
    worker.on('error', (error) => stopped('crashed', `the thread judging the pool ended on an error thrown outside any workload run: ${describe(error)}`));
    worker.on('exit', (code) => stopped('crashed', `the thread judging the pool exited with code ${code} before the rule was judged (did the pool call process.exit()?)`));
  });
}
