// Every broken pool, each with the exact set of rules it fails (`breaks`), and the controls: the
// copy every broken pool is made from, the min/idle-reaping variant MIN-1's broken pool is made
// from, that variant reading the time with `new Date()`, pg-pool's way of serving callers (fifo
// 'when-full'), a pool whose acquire timeout covers only the queue, and the async-validating
// variant pingStopsTheClock is made from: each must pass every rule like the reference pool.
import type { Adapter } from '../../src/adapter/Adapter.ts';
import * as anonymousTimeout from './anonymousTimeout.ts';
import { BasePool } from './BasePool.ts';
import * as boundCheckedBeforeAwait from './boundCheckedBeforeAwait.ts';
import * as boundCheckedBeforeMicrotask from './boundCheckedBeforeMicrotask.ts';
import { brokenAdapter } from './brokenAdapter.ts';
import * as closeAwaitsConnects from './closeAwaitsConnects.ts';
import * as closeForgetsIdle from './closeForgetsIdle.ts';
import * as closeLeavesWaitersHanging from './closeLeavesWaitersHanging.ts';
import * as closeNeverSettles from './closeNeverSettles.ts';
import * as closedAcquireUnrecognisable from './closedAcquireUnrecognisable.ts';
import * as connectRetriedSilently from './connectRetriedSilently.ts';
import * as connectCountedAfterAwait from './connectCountedAfterAwait.ts';
import * as destroyedHandedOutAgain from './destroyedHandedOutAgain.ts';
import * as doubleReleaseAccepted from './doubleReleaseAccepted.ts';
import * as earlyTimeout from './earlyTimeout.ts';
import * as failedConnectKeepsSlot from './failedConnectKeepsSlot.ts';
import * as idleSharedWithTwoWaiters from './idleSharedWithTwoWaiters.ts';
import * as killedHandedOut from './killedHandedOut.ts';
import * as lateTimeout from './lateTimeout.ts';
import * as lifoQueueWhenFull from './lifoQueueWhenFull.ts';
import * as lifoWaiters from './lifoWaiters.ts';
import * as lifoWaitersWhenFull from './lifoWaitersWhenFull.ts';
import * as lostWakeUpOnRelease from './lostWakeUpOnRelease.ts';
import * as minPool from './MinPool.ts';
import * as missingTimeout from './missingTimeout.ts';
import * as newDatePool from './newDatePool.ts';
import * as noWakeUpAfterDestroy from './noWakeUpAfterDestroy.ts';
import * as overflowKeptOpen from './overflowKeptOpen.ts';
import * as ownConnectionClaimsEveryCaller from './ownConnectionClaimsEveryCaller.ts';
import * as ownConnectionPool from './OwnConnectionPool.ts';
import * as queuedPastDeadline from './queuedPastDeadline.ts';
import * as queueOnlyDeclaredWhole from './queueOnlyDeclaredWhole.ts';
import * as queueOnlyPool from './QueueOnlyPool.ts';
import * as pingPool from './PingPool.ts';
import * as pingStopsTheClock from './pingStopsTheClock.ts';
import * as queryLeaksOnError from './queryLeaksOnError.ts';
import * as queryLeaksOnSyncThrow from './queryLeaksOnSyncThrow.ts';
import * as reaperIgnoresMin from './reaperIgnoresMin.ts';
import * as releaseWithoutWaitersDropped from './releaseWithoutWaitersDropped.ts';
import * as sizeOnlyConcurrency from './sizeOnlyConcurrency.ts';
import * as slowReconnectDropped from './slowReconnectDropped.ts';
import * as timedOutWaiterFed from './timedOutWaiterFed.ts';
import * as wrongDefaultTimeout from './wrongDefaultTimeout.ts';

export interface BrokenPool {
  readonly adapter: Adapter;
  /** The exact set of rule ids the pool fails. */
  readonly breaks: readonly string[];
}

export const brokenPools: readonly BrokenPool[] = [
  idleSharedWithTwoWaiters,
  doubleReleaseAccepted,
  boundCheckedBeforeAwait,
  overflowKeptOpen,
  sizeOnlyConcurrency,
  lostWakeUpOnRelease,
  noWakeUpAfterDestroy,
  lifoWaiters,
  lifoWaitersWhenFull,
  lifoQueueWhenFull,
  ownConnectionClaimsEveryCaller,
  closeLeavesWaitersHanging,
  earlyTimeout,
  lateTimeout,
  missingTimeout,
  anonymousTimeout,
  timedOutWaiterFed,
  releaseWithoutWaitersDropped,
  failedConnectKeepsSlot,
  destroyedHandedOutAgain,
  killedHandedOut,
  closeForgetsIdle,
  queryLeaksOnError,
  queryLeaksOnSyncThrow,
  reaperIgnoresMin,
  boundCheckedBeforeMicrotask,
  queueOnlyDeclaredWhole,
  queuedPastDeadline,
  wrongDefaultTimeout,
  connectCountedAfterAwait,
  // Each caught only by a kind of workload of its own (test/newWorkloadKinds.test.ts).
  closeAwaitsConnects,
  slowReconnectDropped,
  pingStopsTheClock,
  closedAcquireUnrecognisable,
  closeNeverSettles,
  connectRetriedSilently,
];

/**
 * Broken pools that model mode cannot catch yet, each with the rules that should catch it; the
 * self-test expects them to slip through, and fails once they no longer do.
 */
export const blindSpots: readonly BrokenPool[] = [];

/** Pools with no bug: each must pass every applicable rule. */
export const controlPools: readonly BrokenPool[] = [
  { adapter: brokenAdapter('base-pool', BasePool), breaks: [] },
  minPool,
  ownConnectionPool,
  newDatePool,
  queueOnlyPool,
  pingPool,
];
