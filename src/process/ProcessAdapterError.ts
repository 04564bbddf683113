// A request the adapter carried out and answered with an error of the pool's: its own exception,
// classified by itself. The channel stays usable; the later Adapter implementation classifies the
// error by `errorClass`, and histories print it as the adapter's language names it
// (`sqlalchemy.exc.TimeoutError: QueuePool limit of size 1 overflow 0 reached, ...`).
import type { ErrorClass } from '../adapter/Adapter.ts';
import { ConnectError } from '../adapter/Backend.ts';
import type { Op } from './protocol.ts';

export class ProcessAdapterError extends Error {
  /** timeout, closed or other, as the adapter classified its exception (a failed connect is `other`, carrying a ConnectError). */
  readonly errorClass: ErrorClass;

  constructor(
    /** As the adapter classified its exception: `connect` when the pool's connect failed. */
    replyClass: ErrorClass | 'connect',
    /** The exception's type in the adapter's language, fully qualified where it has modules. */
    readonly type: string,
    message: string,
    /** The request it answers. */
    readonly op: Op,
    readonly requestId: number,
  ) {
    // A failed connect is told by the ConnectError in its cause chain, as an in-process pool's is
    // (ERR-1 judges by it), whatever the driver's exception is called.
    super(message, replyClass === 'connect' ? { cause: new ConnectError(`${type}: ${message}`) } : undefined);
    this.errorClass = replyClass === 'connect' ? 'other' : replyClass;
    // The adapter's exception type, not this class's: that is what describeError() prints.
    this.name = type;
  }
}
