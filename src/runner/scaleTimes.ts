// Workloads are written in workload milliseconds; live mode stretches them by a scale (real ms
// per workload ms) so that real latencies stay small beside them. What the pool is told is in
// real ms; what the checkers judge is in workload ms.
import type { Capabilities, PoolConfig } from '../adapter/Adapter.ts';

const times = (ms: number | null, scale: number): number | null => (ms === null ? null : ms * scale);

/** The configuration as the pool must see it, in real ms. */
export function configInRealTime(config: PoolConfig, scale: number): PoolConfig {
  if (scale === 1) return config;
  return { ...config, acquireTimeoutMs: times(config.acquireTimeoutMs, scale), idleTimeoutMs: times(config.idleTimeoutMs, scale) };
}

/** An adapter's declared delays (in real ms) in workload ms, for the checkers. */
export function capabilitiesInWorkloadTime(caps: Capabilities, scale: number): Capabilities {
  if (scale === 1) return caps;
  const retention = caps.retention?.mode === 'idle-timeout' ? { ...caps.retention, slackMs: caps.retention.slackMs / scale } : caps.retention;
  const acquireTimeout = caps.acquireTimeout?.defaultMs ? { ...caps.acquireTimeout, defaultMs: caps.acquireTimeout.defaultMs / scale } : caps.acquireTimeout;
  return { ...caps, acquireTimeout, retention, connectRetryMs: caps.connectRetryMs / scale, wakeUpSlackMs: caps.wakeUpSlackMs / scale };
}
