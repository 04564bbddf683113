// The worker thread that judges one adapter in one mode (see judgeIsolated.ts): it loads the
// adapter by its spec, opens the live runner when asked (the database itself stays with the main
// thread), runs judgeAdapter unchanged and posts each verdict as it comes. A heartbeat on a real
// timer, and the beacon in the runner, tell the main thread that the pool still lets it work.
import { parentPort, workerData } from 'node:worker_threads';
import { loadAdapter } from '../adapter/loadAdapter.ts';
import { PoolcheckError } from '../errors.ts';
import type { LiveRunner } from '../live/openLiveRunner.ts';
import { judgeAdapter, type LiveJudging } from '../runner/judgeAdapter.ts';
import { openForkRunner, type ForkRunner } from '../fork/openForkRunner.ts';
import { markHung } from '../runner/watchdog.ts';
import type { WorkloadRunner } from '../runner/WorkloadRunner.ts';
import { beacon } from './beacon.ts';
import { openWorkerLiveRunner } from './openWorkerLiveRunner.ts';
import { HEARTBEAT_MS } from './stallLimitMs.ts';
import { SharedBeacon } from './SharedBeacon.ts';
import type { WorkerOrder, WorkerReport } from './WorkerOrder.ts';

// Captured at load: model mode makes the global timers virtual while a workload runs.
const realSetInterval = globalThis.setInterval;
const realClearInterval = globalThis.clearInterval;

const order = workerData as WorkerOrder;
const post = (report: WorkerReport): void => parentPort!.postMessage(report);
const shared = new SharedBeacon(order.beacon);
beacon.use(shared);
const heartbeat = realSetInterval(() => shared.beat(), HEARTBEAT_MS);
post({ kind: 'started' });

/** The live runner, telling the main thread as each workload finishes; otherwise the same runner. */
function counting(runner: LiveRunner): WorkloadRunner {
  // Spread, not picked field by field: a field left out (connectHangs once was) silently changes
  // which workloads the runner is given.
  return { ...runner, run: (adapter, workload, ties) => runner.run(adapter, workload, ties).finally(() => post({ kind: 'workload' })) };
}

let runner: LiveRunner | ForkRunner | undefined;
let loaded: Awaited<ReturnType<typeof loadAdapter>> | undefined;
let last: WorkerReport = { kind: 'done' };
try {
  loaded = await loadAdapter(order.spec);
  if (order.hung !== null) markHung(loaded.adapter, order.hung);
  let live: LiveJudging | undefined;
  if (order.live && order.fork) {
    const host = loaded.forkHost;
    if (order.live.kind !== 'postgres' || host === undefined) throw new PoolcheckError('POOLCHECK_USAGE', `adapter ${order.spec} cannot run in fork mode: it needs PostgreSQL and a way to start its processes`);
    const forkRunner = await openForkRunner(order.live);
    runner = forkRunner;
    post({ kind: 'live', runId: forkRunner.runId, info: forkRunner.info });
    live = { fork: { host, runner: { ...forkRunner, run: (h, w) => forkRunner.run(h, w).finally(() => post({ kind: 'workload' })) } }, info: forkRunner.info };
  } else if (order.live) {
    const database = order.live;
    const ownConnections = loaded.adapter.runsOn?.ownConnections === true;
    const liveRunner = await openWorkerLiveRunner(database, ownConnections);
    runner = liveRunner;
    post({ kind: 'live', runId: liveRunner.runId, info: liveRunner.info });
    live = { runner: counting(liveRunner), info: liveRunner.info };
  }
  await judgeAdapter(loaded, order.options, { onRuleResult: (_head, _rule, verdict) => post({ kind: 'verdict', verdict }) }, live);
} catch (error) {
  // Anything else reaches the main thread as the worker's 'error' event: an errored rule.
  if (!(error instanceof PoolcheckError)) throw error;
  last = { kind: 'environment', code: error.code, message: error.message };
} finally {
  // The runner's own sessions and proxy are let go of before the main thread hears the end.
  await runner?.close().catch(() => undefined);
  await loaded?.dispose?.().catch(() => undefined);
  realClearInterval(heartbeat);
}
post(last);
