// poolcheck's end of fork mode's child sockets, as the tests play it: a Unix socket in a temporary
// directory of its own; each child that connects is a ChildSocket, whose first line is its
// announcement and whose later lines are replies, matched by id. close() ends every socket and
// removes the directory, socket file included.
import { mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export type Reply = { readonly id: number; readonly ok: Record<string, unknown> } | { readonly id: number; readonly error: Record<string, unknown> };

export class ChildSocket {
  /** The child's first line: `{"event": "child", "child", "pid"}`. */
  readonly announcement: Promise<unknown>;
  readonly #socket: net.Socket;
  readonly #waiting = new Map<number, (reply: Reply) => void>();
  #nextId = 1;

  constructor(socket: net.Socket) {
    this.#socket = socket;
    let announced: ((message: unknown) => void) | undefined;
    this.announcement = new Promise((resolve) => {
      announced = resolve;
    });
    createInterface({ input: socket }).on('line', (line) => {
      const message = JSON.parse(line);
      if (announced) {
        announced(message);
        announced = undefined;
        return;
      }
      const reply = message as Reply;
      this.#waiting.get(reply.id)?.(reply);
      this.#waiting.delete(reply.id);
    });
  }

  /** Sends a request as poolcheck does on the child's socket; resolves with the reply line. */
  request(op: string, args: Record<string, unknown> = {}): Promise<Reply> {
    const id = this.#nextId++;
    return new Promise((resolve) => {
      this.#waiting.set(id, resolve);
      this.#socket.write(`${JSON.stringify({ id, op, ...args })}\n`);
    });
  }

  /** Resolves once the child has closed its end (after `bye`, it exits). */
  async ended(): Promise<void> {
    if (!this.#socket.closed) await once(this.#socket, 'close');
  }

  destroy(): void {
    this.#socket.destroy();
  }
}

export class ChildListener {
  readonly #dir: string;
  readonly #server: net.Server;
  readonly #children: ChildSocket[] = [];
  readonly #arrived: ChildSocket[] = [];
  readonly #accepting: Array<(child: ChildSocket) => void> = [];

  private constructor(dir: string, server: net.Server) {
    this.#dir = dir;
    this.#server = server;
    server.on('connection', (socket) => {
      const child = new ChildSocket(socket);
      this.#children.push(child);
      const accept = this.#accepting.shift();
      if (accept) accept(child);
      else this.#arrived.push(child);
    });
  }

  static async listen(): Promise<ChildListener> {
    const dir = mkdtempSync(join(tmpdir(), 'poolcheck-node-host-'));
    const server = net.createServer();
    server.listen(join(dir, 'children.sock'));
    await once(server, 'listening');
    return new ChildListener(dir, server);
  }

  /** The socket path: the `fork` request's `address`. */
  get address(): string {
    return this.#server.address() as string;
  }

  /** The next child to connect. */
  accept(): Promise<ChildSocket> {
    const arrived = this.#arrived.shift();
    return arrived ? Promise.resolve(arrived) : new Promise((resolve) => this.#accepting.push(resolve));
  }

  async close(): Promise<void> {
    for (const child of this.#children) child.destroy();
    await new Promise((resolve) => this.#server.close(resolve));
    rmSync(this.#dir, { recursive: true, force: true });
  }
}
