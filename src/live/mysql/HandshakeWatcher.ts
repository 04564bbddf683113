// Reads the server's side of a MySQL/MariaDB connection as it arrives, up to the end of the login:
// the greeting names the session (its connection id, the `threadId` drivers expose and the
// process list's ID), and the first OK or ERR packet after it ends the authentication. poolcheck
// learns from the wire, not from the driver or the pool, when a session exists and which it is.
//
// Wire format (MySQL client/server protocol, "Connection Phase"; MariaDB's is the same): every
// packet is a 3-byte little-endian payload length, a sequence byte, then the payload. The greeting
// (HandshakeV10) is protocol version 0x0a, the server version as a NUL-terminated string, then the
// 4-byte connection id; a server that refuses at once (too many connections) sends ERR (0xff)
// instead. Then auth-switch (0xfe) and more-data (0x01) packets may come, and finally OK (0x00)
// or ERR (0xff). Nothing here is read once the login is over, and no TLS or compression is asked
// for, so the packets are plain.

export type HandshakeEvent =
  | { readonly kind: 'greeting'; readonly threadId: number }
  | { readonly kind: 'ok' }
  | { readonly kind: 'error'; readonly message: string };

export class HandshakeWatcher {
  private buffered = Buffer.alloc(0);
  private greeted = false;
  private done = false;

  constructor(private readonly on: (event: HandshakeEvent) => void) {}

  /** Feeds bytes the server sent; reports events until the login is over. */
  push(chunk: Buffer): void {
    if (this.done) return;
    this.buffered = Buffer.concat([this.buffered, chunk]);
    while (!this.done && this.buffered.length >= 4) {
      const length = this.buffered.readUIntLE(0, 3);
      if (this.buffered.length < 4 + length) return;
      const payload = this.buffered.subarray(4, 4 + length);
      this.buffered = this.buffered.subarray(4 + length);
      this.packet(payload);
    }
  }

  private packet(payload: Buffer): void {
    if (payload[0] === 0xff) {
      // ERR: 2-byte code, then (after the greeting) '#' and a 5-byte SQL state, then the message.
      const text = payload.subarray(3).toString('utf8');
      this.finish({ kind: 'error', message: text.startsWith('#') ? text.slice(6) : text });
    } else if (!this.greeted) {
      const versionEnd = payload.indexOf(0, 1);
      if (payload[0] !== 0x0a || versionEnd < 0 || payload.length < versionEnd + 5) {
        this.finish({ kind: 'error', message: 'the server did not greet as MySQL/MariaDB (protocol 10)' });
        return;
      }
      this.greeted = true;
      this.on({ kind: 'greeting', threadId: payload.readUInt32LE(versionEnd + 1) });
    } else if (payload[0] === 0x00) {
      this.finish({ kind: 'ok' });
    }
  }

  private finish(event: HandshakeEvent): void {
    this.done = true;
    this.buffered = Buffer.alloc(0);
    this.on(event);
  }
}
