// Every broken pool, each with the exact set of rules it fails (`breaks`), and the controls: the
// copy every broken pool is made from, and the min/idle-reaping variant MIN-1's broken pool is
// made from, which must pass every rule like the reference pool.
import type { Adapter } from '../../src/adapter/Adapter.ts';
import * as anonymousTimeout from './anonymousTimeout.ts';
import { BasePool } from './BasePool.ts';
import * as boundCheckedBeforeAwait from './boundCheckedBeforeAwait.ts';
import * as boundCheckedBeforeMicrotask from './boundCheckedBeforeMicrotask.ts';
import { brokenAdapter } from './brokenAdapter.ts';
import * as closeForgetsIdle from './closeForgetsIdle.ts';
import * as closeLeavesWaitersHanging from './closeLeavesWaitersHanging.ts';
import * as closeNeverSettles from './closeNeverSettles.ts';
import * as closedAcquireUnrecognisable from './closedAcquireUnrecognisable.ts';
import * as connectRetriedSilently from './connectRetriedSilently.ts';
import * as destroyedHandedOutAgain from './destroyedHandedOutAgain.ts';
import * as doubleReleaseAccepted from './doubleReleaseAccepted.ts';
import * as earlyTimeout from './earlyTimeout.ts';
import * as failedConnectKeepsSlot from './failedConnectKeepsSlot.ts';
import * as idleSharedWithTwoWaiters from './idleSharedWithTwoWaiters.ts';
import * as killedHandedOut from './killedHandedOut.ts';
import * as lateTimeout from './lateTimeout.ts';
import * as lifoWaiters from './lifoWaiters.ts';
import * as lostWakeUpOnRelease from './lostWakeUpOnRelease.ts';
import * as minPool from './MinPool.ts';
import * as missingTimeout from './missingTimeout.ts';
import * as noWakeUpAfterDestroy from './noWakeUpAfterDestroy.ts';
import * as overflowKeptOpen from './overflowKeptOpen.ts';
import * as queryLeaksOnError from './queryLeaksOnError.ts';
import * as queryLeaksOnSyncThrow from './queryLeaksOnSyncThrow.ts';
import * as reaperIgnoresMin from './reaperIgnoresMin.ts';
import * as releaseWithoutWaitersDropped from './releaseWithoutWaitersDropped.ts';
import * as sizeOnlyConcurrency from './sizeOnlyConcurrency.ts';
import * as timedOutWaiterFed from './timedOutWaiterFed.ts';

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
];
