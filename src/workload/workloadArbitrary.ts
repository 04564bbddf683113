// fast-check arbitraries for workloads. Times are multiples of 5 virtual ms on purpose: events
// then often fall on the same instant (a release exactly at a waiter's deadline), where the
// clock's tie choices explore every order.
import fc from 'fast-check';
import type { Capabilities, PoolConfig } from '../adapter/Adapter.ts';
import type { ConnectStep } from '../model/ModelBackend.ts';
import type { Kill, PromiseKind, Task, Workload } from './Workload.ts';
import type { WorkloadShape } from './WorkloadShape.ts';

const STEP_MS = 5;
const ticks = (max: number): fc.Arbitrary<number> => fc.integer({ min: 0, max }).map((n) => n * STEP_MS);

/** Options that depend on where workloads run, not on the rule. */
export interface WorkloadTiming {
  /** Every generated timeout is at least this long: live mode's real connects must fit in it. */
  readonly timeoutFloorMs: number;
}

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

const connectStep: fc.Arbitrary<ConnectStep> = fc.record({
  ms: ticks(4),
  outcome: fc.constantFrom('fail' as const, 'ok' as const, 'stall' as const),
});

const kill: fc.Arbitrary<Kill> = fc.record({ at: ticks(12), nth: fc.integer({ min: 1, max: 4 }) });

export function workloadArbitrary(shape: WorkloadShape, caps: Capabilities, timing: WorkloadTiming = { timeoutFloorMs: 0 }): fc.Arbitrary<Workload> {
  return fc.record({
    config: configArbitrary(shape, caps, timing),
    defaultConnectMs: ticks(3),
    connects: shape.connectFaults ? fc.array(connectStep, { maxLength: 5 }) : fc.constant([]),
    kills: shape.kills ? fc.array(kill, { maxLength: 3 }) : fc.constant([]),
    closeAt: shape.close ? ticks(12) : fc.constant(null),
    tasks: fc.array(taskArbitrary(shape, caps, timing), { minLength: 1, maxLength: shape.maxTasks }),
    // Shrinks towards the native Promise.
    promise: caps.promiseLibrary ? fc.constantFrom<PromiseKind>('native', 'deferring') : fc.constant<PromiseKind>('native'),
  });
}

/** Tie choices for the virtual clock: shrinks towards [], Node's own order. */
/** The largest pool a workload asks for: size + maxOverflow is at most MAX_CAPACITY. */
const MAX_SIZE = 3;
const MAX_OVERFLOW = 2;
export const MAX_CAPACITY = MAX_SIZE + MAX_OVERFLOW;

export const tiesArbitrary: fc.Arbitrary<number[]> = fc.array(fc.nat({ max: 7 }), { maxLength: 12 });
