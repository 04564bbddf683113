// Reads both sides of a PostgreSQL connection as they pass the fault proxy, up to the end of the
// login: the server's BackendKeyData names the session (its process id, pg_stat_activity.pid), its
// first ReadyForQuery ends the login, an ErrorResponse before it refuses the login. For pools that
// open their own connections (a process adapter's driver), poolcheck learns from the wire, not
// from the driver or the pool, when a session exists and which it is, as HandshakeWatcher does for
// MySQL.
//
// Wire format (PostgreSQL frontend/backend protocol 3, "Start-up"): the client's first packets
// have no type byte: an int32 length (itself included), then an int32 code: SSLRequest 80877103
// and GSSENCRequest 80877104 are each answered by the server with one byte, 'S' or 'G' to
// encrypt (nothing after that is readable here), 'N' to go on in the clear; then the
// StartupMessage (protocol 196608, 3.0). From then on every server message is a type byte and an
// int32 length (itself included): 'R' authentication, 'S' ParameterStatus, 'K' BackendKeyData
// (int32 pid, int32 secret key), 'Z' ReadyForQuery, 'E' ErrorResponse (fields: a code byte and a
// NUL-terminated string each, 'C' the SQLSTATE, 'M' the message; a NUL ends them).

export type PgLoginEvent =
  | { readonly kind: 'ready'; readonly pid: number }
  | { readonly kind: 'refused'; readonly code: string; readonly message: string }
  /**
   * Nothing more can be read here: the client asked for TLS or GSS encryption and the server
   * agreed, or a length made no sense. The session is then found another way (its client port).
   */
  | { readonly kind: 'unreadable'; readonly why: string };

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;

export class PgLoginWatcher {
  private fromClient = Buffer.alloc(0);
  private fromServer = Buffer.alloc(0);
  /** Encryption requests the client sent whose one-byte answer has not come yet. */
  private answersDue = 0;
  /** The client sent its StartupMessage: from here on the server sends typed messages. */
  private startupSent = false;
  private pid: number | null = null;
  private done = false;

  constructor(private readonly on: (event: PgLoginEvent) => void) {}

  /** Feeds bytes the client sent. */
  client(chunk: Buffer): void {
    if (this.done || this.startupSent) return;
    this.fromClient = Buffer.concat([this.fromClient, chunk]);
    while (!this.startupSent && this.fromClient.length >= 8) {
      const length = this.fromClient.readInt32BE(0);
      const code = this.fromClient.readInt32BE(4);
      if (length < 8) return this.finish({ kind: 'unreadable', why: `a start-up packet of length ${length}` });
      if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
        this.answersDue++;
      } else {
        this.startupSent = true; // StartupMessage (or a CancelRequest, which gets no answer)
      }
      if (this.fromClient.length < length) break;
      this.fromClient = this.fromClient.subarray(length);
    }
    this.read();
  }

  /** Feeds bytes the server sent; reports at most one event. */
  server(chunk: Buffer): void {
    if (this.done) return;
    this.fromServer = Buffer.concat([this.fromServer, chunk]);
    this.read();
  }

  private read(): void {
    while (!this.done && this.answersDue > 0 && this.fromServer.length >= 1) {
      const answer = String.fromCharCode(this.fromServer[0]!);
      this.fromServer = this.fromServer.subarray(1);
      this.answersDue--;
      if (answer === 'S' || answer === 'G') return this.finish({ kind: 'unreadable', why: answer === 'S' ? 'the session is encrypted (TLS)' : 'the session is encrypted (GSS)' });
    }
    if (this.answersDue > 0 || !this.startupSent) return;
    while (!this.done && this.fromServer.length >= 5) {
      const type = String.fromCharCode(this.fromServer[0]!);
      const length = this.fromServer.readInt32BE(1);
      if (length < 4) return this.finish({ kind: 'unreadable', why: `a server message of length ${length}` });
      if (this.fromServer.length < 1 + length) return;
      const body = this.fromServer.subarray(5, 1 + length);
      this.fromServer = this.fromServer.subarray(1 + length);
      if (type === 'K' && body.length >= 4) this.pid = body.readInt32BE(0);
      else if (type === 'E') this.finish({ kind: 'refused', ...errorFields(body) });
      else if (type === 'Z' && this.pid !== null) this.finish({ kind: 'ready', pid: this.pid });
    }
  }

  private finish(event: PgLoginEvent): void {
    this.done = true;
    this.fromClient = this.fromServer = Buffer.alloc(0);
    this.on(event);
  }
}

function errorFields(body: Buffer): { code: string; message: string } {
  const fields = new Map<string, string>();
  let at = 0;
  while (at < body.length && body[at] !== 0) {
    const key = String.fromCharCode(body[at]!);
    const end = body.indexOf(0, at + 1);
    if (end === -1) break;
    fields.set(key, body.toString('utf8', at + 1, end));
    at = end + 1;
  }
  return { code: fields.get('C') ?? '', message: fields.get('M') ?? 'the server refused the login' };
}
