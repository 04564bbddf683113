// Reads a PostgreSQL session after its login, message by message, for two moments the pool's
// driver makes on the wire:
// - the client's Terminate ('X'), sent when the pool closes the connection, before its socket
//   ends: the pool let the session go there, as a factory counts a close from the pool's call, so
//   that a replacement the pool opens at once is not counted beside the one it dropped while the
//   server finishes ending it;
// - the answer to the adapter's read of the session's identity (spec/process-protocol.md: a query
//   of `pg_backend_pid()`, sent once per new connection from the pool's connect hook): the
//   server's ReadyForQuery after it. The connection is the pool's to hand out from there, as an
//   in-process backend's connect includes the same read.
//
// Wire format (protocol 3, after start-up): every message, both ways, is a type byte and an int32
// length (itself included). Fed from the first bytes after the login's ReadyForQuery, which is a
// message boundary on both sides.

const IDENTITY_READ = Buffer.from('pg_backend_pid()');

export interface PgSessionEvents {
  /** The client sent Terminate. */
  readonly terminated: () => void;
  /** The server answered the identity read (its ReadyForQuery after the query). */
  readonly identified: () => void;
}

export class PgTerminateWatcher {
  private fromClient: Buffer = Buffer.alloc(0);
  private fromServer: Buffer = Buffer.alloc(0);
  private done = false;
  /** The identity read was sent and not yet answered. */
  private asked = false;
  private answered = false;

  constructor(private readonly on: PgSessionEvents) {}

  /** Feeds bytes the client sent after its login. */
  client(chunk: Buffer): void {
    if (this.done) return;
    this.fromClient = this.fromClient.length === 0 ? chunk : Buffer.concat([this.fromClient, chunk]);
    for (const [type, body] of this.messages('fromClient')) {
      if (type === 0x58 /* 'X' */) {
        this.done = true;
        return this.on.terminated();
      }
      // Query ('Q') or Parse ('P') of the identity read.
      if (!this.answered && (type === 0x51 || type === 0x50) && body.includes(IDENTITY_READ)) this.asked = true;
    }
  }

  /** Feeds bytes the server sent after the login. */
  server(chunk: Buffer): void {
    if (this.done || this.answered) return;
    this.fromServer = this.fromServer.length === 0 ? chunk : Buffer.concat([this.fromServer, chunk]);
    for (const [type] of this.messages('fromServer')) {
      if (type === 0x5a /* 'Z' */ && this.asked) {
        this.answered = true;
        this.fromServer = Buffer.alloc(0);
        return this.on.identified();
      }
    }
  }

  /** The whole messages buffered on one side, taken off it. A length that makes no sense stops the reading. */
  private *messages(side: 'fromClient' | 'fromServer'): Generator<[number, Buffer]> {
    while (!this.done && this[side].length >= 5) {
      const buffer = this[side];
      const length = buffer.readInt32BE(1);
      if (length < 4) {
        this.done = true;
        return;
      }
      if (buffer.length < 1 + length) return;
      this[side] = buffer.subarray(1 + length);
      yield [buffer[0]!, buffer.subarray(5, 1 + length)];
    }
  }
}
