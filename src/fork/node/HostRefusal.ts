// What the host answers itself, not the pool: a request it cannot carry out at all (an unknown
// op, a missing field, a handle it never made: `poolcheck.protocol`), or an adapter it cannot run
// (`poolcheck.unavailable`). spec/process-protocol.md reserves both types.
import { PROTOCOL_ERROR_TYPE, UNAVAILABLE_ERROR_TYPE } from '../../process/protocol.ts';

export class HostRefusal extends Error {
  constructor(
    readonly type: typeof PROTOCOL_ERROR_TYPE | typeof UNAVAILABLE_ERROR_TYPE,
    message: string,
  ) {
    super(message);
  }
}

/** poolcheck asked for something this host cannot do at all: the two sides disagree about the protocol. */
export const notOfProtocol = (message: string): HostRefusal => new HostRefusal(PROTOCOL_ERROR_TYPE, message);
