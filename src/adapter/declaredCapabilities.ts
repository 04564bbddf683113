// The capabilities an adapter declares, by name: each is a promise that needs a basis in
// `claims`. The two timing figures (connectRetryMs, wakeUpSlackMs) are allowances, not promises.
import type { Capabilities } from './Adapter.ts';

export type CapabilityName = Exclude<keyof Capabilities, 'connectRetryMs' | 'wakeUpSlackMs'>;

export const CAPABILITY_NAMES: readonly CapabilityName[] = ['acquireTimeout', 'perAcquireTimeout', 'fifo', 'retention', 'min', 'query', 'validation', 'fork'];

export function declaredCapabilities(capabilities: Capabilities): CapabilityName[] {
  // false and null both mean "not declared".
  return CAPABILITY_NAMES.filter((name) => capabilities[name] !== false && capabilities[name] !== null);
}
