// For the runner: stop every database provisioning started and remove its files, e.g. at the
// end of a run or when the runner handles an interrupt itself.
import { cleanupRegistry } from './cleanupRegistry.ts';

export function stopAll(): Promise<void> {
  return cleanupRegistry.stopAll();
}
