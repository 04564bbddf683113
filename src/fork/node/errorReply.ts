// How the host reports what the pool (or the driver) raised (spec/process-protocol.md, Errors the
// adapter reports): classified by the adapter's own classifyError, a failed connect by the
// ConnectError in the error's cause chain, exactly as poolcheck classifies an in-process pool's
// errors (describeError); the host's own refusals carry their reserved type.
import type { Adapter } from '../../adapter/Adapter.ts';
import type { ErrorReply } from '../../process/protocol.ts';
import { describeError } from '../../runner/describeError.ts';
import { HostRefusal } from './HostRefusal.ts';

/** `connect`, `timeout`, `closed` or `other`, as an in-process run would record the error. */
export function classOf(adapter: Adapter, error: unknown): ErrorReply['class'] {
  const { class: errorClass } = describeError(adapter, error);
  // `harness` is poolcheck's own failure, never an adapter's.
  return errorClass === 'harness' ? 'other' : errorClass;
}

export function errorReply(error: unknown, errorClass: ErrorReply['class']): ErrorReply {
  if (error instanceof HostRefusal) return { class: 'other', type: error.type, message: error.message };
  if (!(error instanceof Error)) return { class: errorClass, type: typeof error, message: String(error) };
  // The class's name (pg's DatabaseError calls itself `error`), else the name the error gives itself.
  const type = error.constructor.name || error.name || 'Error';
  return { class: errorClass, type, message: error.message || type };
}
