// fast-check arbitraries for workloads. Times are multiples of 5 virtual ms on purpose: events
// then often fall on the same instant (a release exactly at a waiter's deadline), where the
// clock's tie choices explore every order.
import fc from 'fast-check';
import type { Capabilities, PoolConfig } from '../adapter/Adapter.ts';
import type { ConnectStep } from './ConnectStep.ts';
import type { Kill, PromiseKind, Task, Workload } from './Workload.ts';
import type { WorkloadShape } from './WorkloadShape.ts';

const STEP_MS = 5;
const ticks = (max: number): fc.Arbitrary<number> => fc.integer({ min: 0, max }).map((n) => n * STEP_MS);

/** Options that depend on where workloads run, not on the rule. */
export interface WorkloadTiming {
  /** Every generated timeout is at least this long: live mode's real connects must fit in it. */
  readonly timeoutFloorMs: number;
  /** Where scripted connects may hang for ever (see ConnectHangs). */
  readonly connectHangs: ConnectHangs;
}

/**
 * Where a runner generates connects that never answer: `anywhere` (model mode); `not-at-close`:
 * only in workloads that do not judge the close (live mode: a close that waits for a hung
 * connect would outlast the drain long before the pool's own connect timeout could end it);
 * `nowhere` (SQLite cannot hang an open).
 */
export type ConnectHangs = 'anywhere' | 'not-at-close' | 'nowhere';

function configArbitrary(shape: WorkloadShape, caps: Capabilities, timing: WorkloadTiming): fc.Arbitrary<PoolConfig> {
  const timeoutMs = ticks(12).map((t) => t + STEP_MS + timing.timeoutFloorMs);
  const timeout =
    caps.acquireTimeout === null || shape.acquireTimeout === 'never'
      ? fc.constant(null)
      : shape.acquireTimeout === 'always'
        ? shape.poolDefaultTimeout && caps.acquireTimeout.defaultMs !== null
          ? fc.option(timeoutMs, { nil: null, freq: 4 })
          : timeoutMs
        : fc.option(timeoutMs, { nil: null, freq: 2 });
  const idle = caps.retention?.mode === 'idle-timeout' ? ticks(8).map((t) => t + 2 * STEP_MS) : fc.constant(null);
  return fc
    .record({
      size: fc.integer({ min: 1, max: MAX_SIZE }),
      maxOverflow: fc.integer({ min: 0, max: MAX_OVERFLOW }),
      acquireTimeoutMs: timeout,
      idleTimeoutMs: idle,
      min: shape.min && caps.min ? fc.integer({ min: 1, max: 3 }) : fc.constant(0),
    })
    .map((c) => ({ ...c, min: Math.min(c.min, c.size) }));
}

function taskArbitrary(shape: WorkloadShape, caps: Capabilities, timing: WorkloadTiming): fc.Arbitrary<Task> {
  if (shape.queries) {
    return fc.record({
      kind: fc.constant('query' as const),
      start: ticks(10),
      together: fc.boolean(),
      sql: fc.constantFrom('ok' as const, 'error' as const, 'throw' as const, 'bad-args' as const),
    });
  }
  return fc.record({
    kind: fc.constant('borrow' as const),
    start: ticks(10),
    together: fc.boolean(),
    timeoutMs:
      caps.perAcquireTimeout && shape.acquireTimeout !== 'never'
        ? fc.option(ticks(8).map((t) => t + STEP_MS + timing.timeoutFloorMs), { nil: null, freq: 3 })
        : fc.constant(null),
    holdMs: ticks(8),
    use: shape.use ? fc.boolean() : fc.constant(false),
    end: fc.constantFrom(...shape.ends),
  });
}

/**
 * A slow connect's latency: past most generated timeouts (5..65 ms plus the floor), so that the
 * connection arrives after its waiter gave up, and far below a stall.
 */
const slowMs = (timing: WorkloadTiming): fc.Arbitrary<number> => ticks(12).map((t) => t + 5 * STEP_MS + timing.timeoutFloorMs);

/**
 * The connect script: failures, stalls and hangs as the shape and the substrate allow, and, one
 * time in four, a failed connect followed by a slow one (the retry a waiter gave up on), a pair
 * that independent steps would rarely make.
 */
function connectScript(shape: WorkloadShape, timing: WorkloadTiming): fc.Arbitrary<ConnectStep[]> {
  const hangs = shape.connectHangs && (timing.connectHangs === 'anywhere' || (timing.connectHangs === 'not-at-close' && !shape.close));
  const outcomes: ConnectStep['outcome'][] = [...(shape.connectFaults ? (['fail', 'ok', 'stall'] as const) : []), ...(hangs ? (['hang'] as const) : [])];
  if (outcomes.length === 0) return fc.constant([]);
  if (!shape.connectFaults) outcomes.unshift('ok'); // hangs among connects that succeed
  const step = fc.record({ ms: ticks(4), outcome: fc.constantFrom(...outcomes) });
  if (!(shape.connectFaults && shape.slowConnects)) return fc.array(step, { maxLength: 5 });
  const failThenSlow = fc
    .tuple(ticks(4), slowMs(timing))
    .map(([failMs, ms]): ConnectStep[] => [{ ms: failMs, outcome: 'fail' }, { ms, outcome: 'slow' }]);
  return fc
    .array(fc.oneof({ arbitrary: step.map((s) => [s]), weight: 3 }, { arbitrary: failThenSlow, weight: 1 }), { maxLength: 4 })
    .map((parts) => parts.flat());
}

const kill: fc.Arbitrary<Kill> = fc.record({ at: ticks(12), nth: fc.integer({ min: 1, max: 4 }) });

export function workloadArbitrary(shape: WorkloadShape, caps: Capabilities, timing: WorkloadTiming = { timeoutFloorMs: 0, connectHangs: 'anywhere' }): fc.Arbitrary<Workload> {
  const workload = fc.record({
    config: configArbitrary(shape, caps, timing),
    defaultConnectMs: ticks(3),
    connects: connectScript(shape, timing),
    kills: shape.kills ? fc.array(kill, { maxLength: 3 }) : fc.constant([]),
    closeAt: shape.close ? ticks(12) : fc.constant(null),
    tasks: fc.array(taskArbitrary(shape, caps, timing), { minLength: 1, maxLength: shape.maxTasks }),
    // Shrinks towards the native Promise.
    promise: caps.promiseLibrary ? fc.constantFrom<PromiseKind>('native', 'deferring') : fc.constant<PromiseKind>('native'),
  });
  // A validation latency only where the pool pings before handing out: other workloads stay as
  // they were, seed for seed. Up to 40 ms, across the generated timeouts.
  if (!(caps.asyncValidation && shape.slowValidation)) return workload;
  return fc.tuple(workload, ticks(8)).map(([w, pingMs]) => ({ ...w, pingMs }));
}

/** Tie choices for the virtual clock: shrinks towards [], Node's own order. */
/** The largest pool a workload asks for: size + maxOverflow is at most MAX_CAPACITY. */
const MAX_SIZE = 3;
const MAX_OVERFLOW = 2;
export const MAX_CAPACITY = MAX_SIZE + MAX_OVERFLOW;

export const tiesArbitrary: fc.Arbitrary<number[]> = fc.array(fc.nat({ max: 7 }), { maxLength: 12 });
