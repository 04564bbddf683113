// How long the thread judging a pool may go without a sign of life before the main thread stops
// it: a synchronous loop in the pool (seen in the wild: an older mysql2 release spinning at full
// CPU after a double release) never returns to the runner and never lets a timer run, so the
// watchdog inside the thread (src/runner/watchdog.ts) cannot fire. Signs of life are the
// heartbeat, a real timer every HEARTBEAT_MS (it fires whenever the event loop turns: a pool
// that polls, however busily, keeps it going and is the watchdog's), and the runner's beacon at
// every workload and every adapter call (a long synchronous stretch of model-mode runs).
//
// The limit, in real ms: live mode, the rule's time limit (liveRuleTimeLimitMs: 5 s quick, 15 s
// standard, 60 s thorough); model mode, MODEL_STALL_MS, far beyond anything a pool computes
// without yielding once (a whole model workload takes well under a millisecond).
// POOLCHECK_STALL_MS overrides both (tests).
import { PoolcheckError } from '../errors.ts';
import { forkRuleTimeLimitMs, liveRuleTimeLimitMs, type Mode, type Profile } from '../options/resolveRunOptions.ts';

export const HEARTBEAT_MS = 100;
export const MODEL_STALL_MS = 10_000;

export function stallLimitMs(mode: Mode, profile: Profile, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.POOLCHECK_STALL_MS;
  if (raw !== undefined && raw !== '') {
    const ms = Number(raw);
    if (!Number.isFinite(ms) || ms <= 0) throw new PoolcheckError('POOLCHECK_USAGE', `Expected POOLCHECK_STALL_MS to be a positive number of milliseconds, got \`${raw}\``);
    return ms;
  }
  return mode === 'live' ? liveRuleTimeLimitMs[profile] : mode === 'fork' ? forkRuleTimeLimitMs[profile] : MODEL_STALL_MS;
}
