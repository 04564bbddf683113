import type { Adapter } from '../adapter/Adapter.ts';
import type { HistoryEvent } from '../history/History.ts';
import { ConnectError } from '../adapter/Backend.ts';

/** True when `error`, or an error in its `cause` chain, is the backend's connect failure. */
function isConnectError(error: unknown, depth = 0): boolean {
  if (error instanceof ConnectError) return true;
  if (depth > 5 || typeof error !== 'object' || error === null) return false;
  return isConnectError((error as { cause?: unknown }).cause, depth + 1);
}

export function describeError(adapter: Adapter, error: unknown): NonNullable<HistoryEvent['error']> {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (isConnectError(error)) return { class: 'connect', message };
  try {
    return { class: adapter.classifyError(error), message };
  } catch {
    return { class: 'other', message };
  }
}
