// What the fault proxy does with one connect's connection, as the workload scripted that connect:
// on the run clock from when the connect began, `fail` resets it after the step's ms, `stall`
// holds it unread and drops it after the stall, `hang` holds it unread until the run ends (the
// backend's dispose cuts it: the pool, or its own connect timeout, never hears back before),
// `slow` holds it for the step's ms and then forwards it.
import type { RunClock } from '../../runner/Substrate.ts';
import type { ConnectStep } from '../../workload/ConnectStep.ts';
import type { FaultProxy } from '../faultProxy.ts';
import type { FaultModeInput } from './faultMode.ts';

export interface FaultContext {
  readonly clock: Pick<RunClock, 'at'>;
  readonly proxy: Pick<FaultProxy, 'release'>;
  /** Workload ms a scripted stall lasts. */
  readonly stallMs: number;
}

export function scriptedFault(step: ConnectStep, begun: number, proxied: number, { clock, proxy, stallMs }: FaultContext): FaultModeInput | Promise<FaultModeInput> {
  switch (step.outcome) {
    case 'ok':
      return 'pass';
    case 'fail':
      return new Promise((resolve) => clock.at(begun + step.ms, () => resolve({ kind: 'refuse', via: 'reset' })));
    case 'hang':
      return { kind: 'stall', release: 'drop' };
    case 'slow':
      clock.at(begun + step.ms, () => proxy.release(proxied));
      return { kind: 'stall', release: 'connect' };
    case 'stall':
      clock.at(begun + stallMs, () => proxy.release(proxied));
      return { kind: 'stall', release: 'drop' };
  }
}
