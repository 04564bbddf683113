// The proxy's listening socket on 127.0.0.1 (loopback only, never another address). It can stop
// listening, so that connect() gets a true ECONNREFUSED from the kernel, and listen again on the
// same port later. Changes are applied one after another, since listening again is asynchronous.
//
// Listening again can fail if another socket took the port in between. On Linux that is
// unlikely: bind(0) picks odd ports and connect() prefers even ones for its local port.
import net from 'node:net';
import { PoolcheckError } from '../../errors.ts';

const LOOPBACK = '127.0.0.1';

export class LoopbackListener {
  private server: net.Server | null = null;
  /** Every server not yet fully closed (Node waits for its accepted sockets), with its 'close'. */
  private readonly servers = new Map<net.Server, Promise<void>>();
  private ops: Promise<void> = Promise.resolve();
  private boundPort = 0;
  private stopped = false;

  private constructor(private readonly onConnection: (socket: net.Socket) => void) {}

  /** Listens on an ephemeral port. */
  static async open(onConnection: (socket: net.Socket) => void): Promise<LoopbackListener> {
    const listener = new LoopbackListener(onConnection);
    listener.boundPort = await listener.listen(0);
    return listener;
  }

  readonly host = LOOPBACK;

  get port(): number {
    return this.boundPort;
  }

  /** Listens or stops listening, after any change under way; rejects if listening again fails. */
  set(listening: boolean): Promise<void> {
    const op = this.ops.then(async () => {
      if (!listening || this.stopped) this.unlisten();
      else if (!this.server) await this.listen(this.boundPort);
    });
    this.ops = op.catch(() => undefined);
    return op;
  }

  /** Stops listening for good; resolves once no change is under way and nothing listens. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unlisten();
    await this.ops;
  }

  /** Resolves once every server this listener opened has closed (after their sockets are gone). */
  async closed(): Promise<void> {
    await Promise.all(this.servers.values());
  }

  private listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const server = net.createServer({ allowHalfOpen: true, pauseOnConnect: true }, this.onConnection);
      server.once('error', (error) => {
        const again = port === 0 ? '' : ' again after a listener refusal (another socket took the port)';
        reject(new PoolcheckError('POOLCHECK_ENVIRONMENT', `The fault proxy could not listen on ${LOOPBACK}:${port}${again}: ${error.message}`));
      });
      server.listen({ host: LOOPBACK, port, exclusive: true }, () => {
        // From now on errors (a failed accept, say) must not crash the process.
        server.removeAllListeners('error').on('error', () => undefined);
        this.servers.set(server, new Promise((done) => server.once('close', () => (this.servers.delete(server), done()))));
        this.server = server;
        const bound = (server.address() as net.AddressInfo).port;
        if (this.stopped) this.unlisten();
        resolve(bound);
      });
    });
  }

  /** Closes the listening socket at once; connections it accepted stay open. */
  private unlisten(): void {
    this.server?.close();
    this.server = null;
  }
}
