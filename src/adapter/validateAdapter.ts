// Refuses an adapter that does not keep the contract, with one line naming the adapter and what
// is wrong, before anything runs.
import { describeValue, PoolcheckError } from '../errors.ts';
import type { Adapter, Capabilities } from './Adapter.ts';
import { validateClaims } from './validateClaims.ts';

const METHODS = ['create', 'acquire', 'connection', 'release', 'destroy', 'close', 'classifyError'] as const;
const FLAGS = ['perAcquireTimeout', 'min', 'query', 'validation'] as const;
const NUMBERS = ['connectRetryMs', 'wakeUpSlackMs'] as const;

export function validateAdapter(label: string, candidate: unknown): Adapter {
  const fail = (what: string): never => {
    throw new PoolcheckError('POOLCHECK_ADAPTER_CONTRACT', `adapter ${label}: ${what}`);
  };
  if (typeof candidate !== 'object' || candidate === null) return fail(`expected an adapter object, got ${describeValue(candidate)}`);
  const a = candidate as Record<string, unknown>;
  if (a.contract !== 1 && a.contract !== 2) fail(`expected \`contract: 2\` (or 1: the adapter contract version it was written for), got ${describeValue(a.contract)}`);
  const caps0 = a.capabilities as Record<string, unknown> | undefined;
  if (a.contract === 1 && typeof caps0 === 'object' && caps0 !== null) {
    for (const f of ['acquireTimeout', 'fifo']) if (typeof caps0[f] !== 'boolean') fail(`expected \`capabilities.${f}\` to be true or false (contract 1), got ${describeValue(caps0[f])}`);
    return validateAdapter(label, upgradeV1(a));
  }
  if (typeof a.name !== 'string' || a.name === '') fail(`expected \`name\` to be a non-empty string, got ${describeValue(a.name)}`);
  const pool = a.pool as Record<string, unknown> | undefined;
  if (typeof pool?.name !== 'string' || typeof pool.version !== 'string') {
    fail('expected `pool` to be { name: string, version: string }, naming the pool library under test');
  }
  for (const m of METHODS) if (typeof a[m] !== 'function') fail(`expected \`${m}\` to be a function, got ${describeValue(a[m])}`);
  const caps = a.capabilities as Record<string, unknown> | undefined;
  if (typeof caps !== 'object' || caps === null) return fail(`expected \`capabilities\` to be an object, got ${describeValue(caps)}`);
  for (const f of FLAGS) if (typeof caps[f] !== 'boolean') fail(`expected \`capabilities.${f}\` to be true or false, got ${describeValue(caps[f])}`);
  if (caps.asyncValidation !== undefined && typeof caps.asyncValidation !== 'boolean') {
    fail(`expected \`capabilities.asyncValidation\` to be true, false or absent, got ${describeValue(caps.asyncValidation)}`);
  }
  for (const n of NUMBERS) {
    if (typeof caps[n] !== 'number' || !(caps[n] >= 0)) fail(`expected \`capabilities.${n}\` to be a number >= 0, got ${describeValue(caps[n])}`);
  }
  if (caps.promiseLibrary !== undefined && typeof caps.promiseLibrary !== 'boolean') {
    fail(`expected \`capabilities.promiseLibrary\` to be true, false or absent, got ${describeValue(caps.promiseLibrary)}`);
  }
  const timeout = caps.acquireTimeout as Record<string, unknown> | null | undefined;
  if (
    timeout !== null &&
    !(
      typeof timeout === 'object' &&
      (timeout.covers === 'whole-acquire' || timeout.covers === 'queue-only') &&
      (timeout.defaultMs === null || (typeof timeout.defaultMs === 'number' && timeout.defaultMs > 0))
    )
  ) {
    fail(`expected \`capabilities.acquireTimeout\` to be null or { covers: 'whole-acquire' | 'queue-only', defaultMs: number | null }, got ${describeValue(timeout)}`);
  }
  if (!(caps.fifo === null || caps.fifo === 'every-caller' || caps.fifo === 'when-full')) {
    fail(`expected \`capabilities.fifo\` to be null, 'every-caller' or 'when-full', got ${describeValue(caps.fifo)}`);
  }
  const retention = caps.retention as Record<string, unknown> | null | undefined;
  if (retention !== null && !(retention?.mode === 'on-release' || (retention?.mode === 'idle-timeout' && typeof retention.slackMs === 'number'))) {
    fail("expected `capabilities.retention` to be null, { mode: 'on-release' } or { mode: 'idle-timeout', slackMs: number }");
  }
  if (!(caps.fork === null || caps.fork === 'per-process' || caps.fork === 'null-pool')) {
    fail(`expected \`capabilities.fork\` to be null, 'per-process' or 'null-pool', got ${describeValue(caps.fork)}`);
  }
  if (caps.query === true && typeof a.query !== 'function') fail('declares `capabilities.query` but has no `query(pool, sql)` method');
  const runsOn = a.runsOn as Record<string, unknown> | undefined;
  if (runsOn !== undefined && (typeof runsOn?.model !== 'boolean' || !(runsOn.live === null || ['postgres', 'mysql', 'sqlite'].includes(runsOn.live as string)))) {
    fail("expected `runsOn` to be { model: boolean, live: 'postgres' | 'mysql' | 'sqlite' | null }");
  }
  if (runsOn !== undefined && runsOn.model === false && runsOn.live === null) fail('`runsOn` says it runs in neither mode');
  if (runsOn?.ownConnections !== undefined && typeof runsOn.ownConnections !== 'boolean') fail(`expected \`runsOn.ownConnections\` to be a boolean, got ${describeValue(runsOn.ownConnections)}`);
  if (runsOn?.ownConnections === true && runsOn.live !== 'postgres') fail('`runsOn.ownConnections` is supported on PostgreSQL only: set `runsOn.live` to `postgres`');
  const claimsProblem = validateClaims(a.claims, caps as unknown as Capabilities);
  if (claimsProblem !== null) fail(claimsProblem);
  if (a.knownGaps !== undefined && !Array.isArray(a.knownGaps)) fail(`expected \`knownGaps\` to be an array, got ${describeValue(a.knownGaps)}`);
  return candidate as Adapter;
}

/**
 * A contract-1 adapter in contract-2 terms: `acquireTimeout: true` was a timeout over the whole
 * acquire that can be turned off, `fifo: true` an order among every caller.
 */
function upgradeV1(a: Record<string, unknown>): Record<string, unknown> {
  const caps = a.capabilities as Record<string, unknown>;
  return {
    ...a,
    contract: 2,
    capabilities: {
      ...caps,
      acquireTimeout: caps.acquireTimeout ? { covers: 'whole-acquire', defaultMs: null } : null,
      fifo: caps.fifo ? 'every-caller' : null,
    },
  };
}
