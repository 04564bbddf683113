// A request the adapter carried out and answered with an error of the pool's: its own exception,
// classified by itself. The channel stays usable; the later Adapter implementation classifies the
// error by `errorClass`, and histories print it as the adapter's language names it
// (`sqlalchemy.exc.TimeoutError: QueuePool limit of size 1 overflow 0 reached, ...`).
import type { ErrorClass } from '../adapter/Adapter.ts';
import type { Op } from './protocol.ts';

export class ProcessAdapterError extends Error {
  constructor(
    /** timeout, closed or other, as the adapter classified its exception. */
    readonly errorClass: ErrorClass,
    /** The exception's type in the adapter's language, fully qualified where it has modules. */
    readonly type: string,
    message: string,
    /** The request it answers. */
    readonly op: Op,
    readonly requestId: number,
  ) {
    super(message);
    // The adapter's exception type, not this class's: that is what describeError() prints.
    this.name = type;
  }
}
