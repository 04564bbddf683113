// Reads the client's side of a PostgreSQL session after its login, message by message, for the one
// message that tells poolcheck the pool let the session go: Terminate ('X'), which a driver sends
// when the pool closes the connection, before its socket ends. Counted from there, as a factory
// counts a close from the pool's call, so that a replacement the pool opens at once is not counted
// beside the session it dropped while the server finishes ending it.
//
// Wire format (protocol 3, after start-up): every client message is a type byte and an int32
// length (itself included). Fed from the first byte the client sends after ReadyForQuery, which
// is a message boundary: a client sends nothing between its login and the server's first 'Z'.

export class PgTerminateWatcher {
  private pending: Buffer = Buffer.alloc(0);
  private done = false;

  constructor(private readonly terminated: () => void) {}

  /** Feeds bytes the client sent after its login. */
  client(chunk: Buffer): void {
    if (this.done) return;
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    while (this.pending.length >= 5) {
      const type = this.pending[0];
      const length = this.pending.readInt32BE(1);
      if (type === 0x58 /* 'X' */ || length < 4) {
        // A length that makes no sense: nothing more can be read, and the socket's end will tell.
        this.done = true;
        this.pending = Buffer.alloc(0);
        if (type === 0x58) this.terminated();
        return;
      }
      if (this.pending.length < 1 + length) return;
      this.pending = this.pending.subarray(1 + length);
    }
  }
}
