// The poolcheck side of a process adapter (spec/process-protocol.md): the program is started
// without a shell, as the leader of a process group of its own; requests go to its stdin as JSON
// lines and replies come back on its stdout in any order, matched by id, since the adapter's
// borrowers run concurrently. stderr is free text: its last lines are kept for error messages.
//
// Any fault (a line that is not a message, a reply nobody waits for, the process ending, a
// request unanswered by its deadline) breaks the channel: the adapter is stopped and every
// request still waiting fails with one error saying what happened. close() says `bye`, waits
// briefly, then ends the process group (SIGTERM, then SIGKILL); the channel is registered with
// the cleanup registry, so the adapter is stopped also when poolcheck exits or is interrupted.
//
// The process and its pipes are unreferenced: a request waiting for its reply keeps poolcheck
// alive through its deadline timer, an idle channel does not (a forgotten close() is then done
// by the registry at beforeExit).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Socket } from 'node:net';
import { formatMs } from '../checkers/formatMs.ts';
import { cleanupRegistry } from '../live/database/cleanupRegistry.ts';
import { processPeer, socketPeer, type ChannelPeer } from './ChannelPeer.ts';
import { okProblem } from './okProblem.ts';
import { parseMessage } from './parseMessage.ts';
import { ProcessAdapterError } from './ProcessAdapterError.ts';
import { ProcessChannelError } from './ProcessChannelError.ts';
import { type AdapterEvent, type Op, type Ops, PROTOCOL_ERROR_TYPE, type RequestOp } from './protocol.ts';
import { quoteLine } from './quoteLine.ts';
import type { Manifest } from './readManifest.ts';

// Captured at load, as the watchdog does: a run may swap the global timers for virtual ones.
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

/** A longer line on stdout is a fault: a message is small, a runaway print is not. */
export const MAX_LINE_CHARS = 1024 * 1024;
/** stderr lines kept for error messages. */
export const STDERR_TAIL_LINES = 50;
const MAX_STDERR_LINE_CHARS = 2_000;
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface ChannelOptions {
  /** Called with every event the adapter sends; version 1 knows `log`, and unknown ones are passed on, not refused. */
  readonly onEvent?: (event: AdapterEvent) => void;
  /** How long close() waits for `bye` to be answered and for the process to exit, and after SIGTERM before SIGKILL (default 2 s). */
  readonly graceMs?: number;
}

interface Waiting {
  readonly op: Op;
  readonly id: number;
  readonly resolve: (ok: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly timer: ReturnType<typeof realSetTimeout>;
}

export class ProcessChannel {
  readonly #who: string;
  readonly #peer: ChannelPeer;
  readonly #onEvent: ((event: AdapterEvent) => void) | undefined;
  readonly #graceMs: number;
  readonly #waiting = new Map<number, Waiting>();
  readonly #exited: Promise<void>;
  readonly #stop: () => Promise<void>;
  readonly #secrets: string[] = [];
  readonly #stderr: string[] = [];
  #stderrPartial = '';
  #stdout = '';
  #nextId = 1;
  #fault: ProcessChannelError | undefined;
  #closing = false;

  /** Starts the adapter; rejects with one line when the command cannot be started. */
  static async open(label: string, manifest: Manifest, options: ChannelOptions = {}): Promise<ProcessChannel> {
    let child: ChildProcessWithoutNullStreams;
    try {
      // Throws at once for what can never start (a NUL byte in an argument), else reports by event.
      child = spawn(manifest.command, [...manifest.args], {
        cwd: manifest.cwd,
        env: { ...process.env, ...manifest.env },
        stdio: ['pipe', 'pipe', 'pipe'],
        detached: true,
      });
      await new Promise<void>((resolve, reject) => {
        child.once('spawn', resolve);
        child.once('error', reject);
      });
    } catch (error) {
      throw spawnError(label, manifest, error);
    }
    return new ProcessChannel(label, processPeer(child), options);
  }

  /**
   * Fork mode: the channel of a child the adapter forked, on the Unix socket it connected to and
   * announced itself on as process `pid` (spec/process-protocol.md, `fork`). The same lines,
   * replies and faults as the adapter's own; `bye` ends the child.
   */
  static overSocket(label: string, socket: Socket, pid: number, options: ChannelOptions = {}): ProcessChannel {
    return new ProcessChannel(label, socketPeer(socket, pid), options);
  }

  private constructor(label: string, peer: ChannelPeer, options: ChannelOptions) {
    this.#who = `adapter ${label}`;
    this.#peer = peer;
    this.#onEvent = options.onEvent;
    this.#graceMs = options.graceMs ?? 2_000;
    this.#exited = peer.exited;
    peer.onOutput((chunk) => this.#onStdout(chunk));
    peer.onErrors((chunk) => this.#onStderr(chunk));
    peer.onClose(() => this.#onClose());
    this.#stop = cleanupRegistry.track({
      name: `process adapter ${label} (${peer.label})`,
      stop: () => this.#shutDown(),
      stopNow: () => peer.endNow(),
    });
  }

  /** The adapter's process id (the leader of its process group; a forked child's own pid). */
  get pid(): number {
    return this.#peer.pid;
  }

  /** The fault that broke the channel, if one did. */
  get fault(): ProcessChannelError | undefined {
    return this.#fault;
  }

  /** The adapter's last stderr lines, the unfinished one included. */
  stderrTail(): string[] {
    const lines = this.#stderrPartial === '' ? this.#stderr : [...this.#stderr, cut(this.#stderrPartial)].slice(-STDERR_TAIL_LINES);
    return lines.map((line) => this.#scrub(line));
  }

  /** A secret (the database's password) never to be quoted: it reads `***` in every error from now on. */
  redact(secret: string): void {
    // Shorter ones occur inside ordinary words; scrubbing them garbles the line (as environmentError).
    if (secret.length >= 4 && !this.#secrets.includes(secret)) this.#secrets.push(secret, encodeURIComponent(secret));
  }

  /**
   * Sends a request; resolves with the reply's `ok`, rejects with a ProcessAdapterError when the
   * adapter answers with an error, or a ProcessChannelError when the channel breaks (this request
   * unanswered by `deadlineMs` included).
   */
  request<O extends RequestOp>(op: O, args: Ops[O]['args'], options: { readonly deadlineMs: number }): Promise<Ops[O]['ok']> {
    return this.#send<Ops[O]['ok']>(op, args, options.deadlineMs);
  }

  /** Says `bye`, then ends the process group if it is still there. Resolves once the process is gone; never rejects. */
  close(): Promise<void> {
    return this.#stop();
  }

  #send<T>(op: Op, args: object, deadlineMs: number): Promise<T> {
    if (this.#fault !== undefined) return Promise.reject(this.#fault);
    if (this.#closing && op !== 'bye') return Promise.reject(new ProcessChannelError('closed', `${this.#who}: the channel is closed: \`${op}\` was not sent`));
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      // Beyond 2^31 - 1 ms a timer fires at once (Node's TimeoutOverflowWarning): that long is forever.
      const timer = realSetTimeout(() => this.#missedDeadline(id, deadlineMs), Math.min(Math.max(0, deadlineMs), MAX_TIMER_MS));
      this.#waiting.set(id, { op, id, resolve: resolve as (ok: unknown) => void, reject, timer });
      this.#peer.write(`${JSON.stringify({ id, op, ...args })}\n`);
    });
  }

  #missedDeadline(id: number, deadlineMs: number): void {
    const waiting = this.#waiting.get(id);
    if (waiting === undefined) return;
    const line = `${this.#who}: no reply to \`${waiting.op}\` (request ${id}) within ${formatMs(deadlineMs)} ms`;
    // While closing, only `bye` waits, and close() goes on to signals without it.
    if (this.#closing) this.#settle(id)?.reject(new ProcessChannelError('deadline', line));
    else this.#fail('deadline', line);
  }

  #settle(id: number): Waiting | undefined {
    const waiting = this.#waiting.get(id);
    if (waiting === undefined) return undefined;
    realClearTimeout(waiting.timer);
    this.#waiting.delete(id);
    return waiting;
  }

  #onStdout(chunk: string): void {
    this.#stdout += chunk;
    for (let end = this.#stdout.indexOf('\n'); end !== -1 && this.#fault === undefined; end = this.#stdout.indexOf('\n')) {
      const line = this.#stdout.slice(0, end);
      this.#stdout = this.#stdout.slice(end + 1);
      if (line.trim() !== '') this.#onLine(line);
    }
    if (this.#stdout.length > MAX_LINE_CHARS && this.#fault === undefined && !this.#closing) {
      this.#fail('malformed', `${this.#who}: sent more than 1 MiB on stdout without a newline: every message is one line, ended by \\n`);
    }
  }

  #onLine(line: string): void {
    if (this.#fault !== undefined) return;
    const message = parseMessage(line);
    if (this.#closing) {
      // Only `bye` is still waiting; whatever else comes now answers requests given up on.
      if (message.kind === 'ok' || message.kind === 'error') this.#settle(message.id)?.resolve(undefined);
      return;
    }
    if (message.kind === 'bad') return this.#fail('malformed', `${this.#who}: ${message.problem}`);
    if (message.kind === 'event') return this.#deliver(message.event);
    const waiting = this.#waiting.get(message.id);
    if (waiting === undefined) return this.#fail('unknown-id', `${this.#who}: answered request ${message.id}, which is not waiting for a reply: ${quoteLine(line)}`);
    const { op, id } = waiting;
    if (message.kind === 'ok') {
      const expected = okProblem(op, message.ok);
      if (expected !== null) return this.#fail('malformed', `${this.#who}: expected the reply to \`${op}\` (request ${id}) to be ${expected}, got ${quoteLine(line)}`);
      this.#settle(id)!.resolve(message.ok);
      return;
    }
    const { error } = message;
    if (error.type === PROTOCOL_ERROR_TYPE) return this.#fail('refused', `${this.#who}: refused \`${op}\` (request ${id}) as not of the protocol: ${error.message}`);
    this.#settle(id)!.reject(new ProcessAdapterError(error.class, error.type, this.#scrub(error.message), op, id));
  }

  #deliver(event: AdapterEvent): void {
    try {
      this.#onEvent?.(event);
    } catch {
      // The listener's own failure: it must not break the channel or escape a stream's handler.
    }
  }

  #onStderr(chunk: string): void {
    const lines = (this.#stderrPartial + chunk).split('\n');
    this.#stderrPartial = lines.pop()!;
    if (this.#stderrPartial.length > 16 * MAX_STDERR_LINE_CHARS) {
      // A runaway line without an end: keep its beginning as a line of its own.
      lines.push(this.#stderrPartial);
      this.#stderrPartial = '';
    }
    for (const line of lines) this.#stderr.push(cut(line.endsWith('\r') ? line.slice(0, -1) : line));
    this.#stderr.splice(0, Math.max(0, this.#stderr.length - STDERR_TAIL_LINES));
  }

  /** The process ended and its pipes are closed: a fault unless poolcheck was closing. */
  #onClose(): void {
    if (this.#closing || this.#fault !== undefined) return;
    const how = this.#peer.howEnded();
    const waiting = [...this.#waiting.values()];
    const named = waiting.slice(0, 3).map((w) => `\`${w.op}\` (request ${w.id})`);
    if (waiting.length > 3) named.push(`${waiting.length - 3} more`);
    const what = waiting.length === 0 ? 'before poolcheck said `bye`' : `before answering ${named.join(', ')}`;
    this.#fail('exited', `${this.#who}: the process ${how} ${what}`);
  }

  /** Breaks the channel: every waiting request fails with the fault, and the adapter is stopped. */
  #fail(kind: ProcessChannelError['fault'], line: string): void {
    if (this.#fault !== undefined || this.#closing) return;
    const fault = new ProcessChannelError(kind, this.#scrub(line), this.stderrTail());
    this.#fault = fault;
    for (const id of [...this.#waiting.keys()]) this.#settle(id)!.reject(fault);
    void this.close();
  }

  #hasExited(): boolean {
    return this.#peer.hasExited();
  }

  async #shutDown(): Promise<void> {
    const broken = this.#fault !== undefined;
    this.#closing = true;
    for (const id of [...this.#waiting.keys()]) {
      const { op, reject } = this.#settle(id)!;
      reject(new ProcessChannelError('closed', `${this.#who}: closed by poolcheck before \`${op}\` (request ${id}) was answered`));
    }
    if (!broken && !this.#hasExited()) {
      // The adapter answers and exits; only the exit matters here.
      this.#send('bye', {}, this.#graceMs).catch(() => {});
      await this.#exitWithin(this.#graceMs);
    }
    const peer = this.#peer;
    if (!this.#hasExited() && peer.signal('SIGTERM') && !(await this.#exitWithin(this.#graceMs))) {
      peer.signal('SIGKILL');
      await this.#exitWithin(this.#graceMs);
    }
    // Whatever the adapter started and left behind in its group.
    peer.signal('SIGKILL');
    // `bye`, if it went unanswered: its timer must not hold poolcheck.
    for (const id of [...this.#waiting.keys()]) this.#settle(id)!.resolve(undefined);
  }

  #exitWithin(ms: number): Promise<boolean> {
    if (this.#hasExited()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = realSetTimeout(() => resolve(false), ms);
      void this.#exited.then(() => {
        realClearTimeout(timer);
        resolve(true);
      });
    });
  }

  #scrub(text: string): string {
    let out = text;
    for (const secret of this.#secrets) out = out.split(secret).join('***');
    return out;
  }
}

function cut(line: string): string {
  return line.length <= MAX_STDERR_LINE_CHARS ? line : `${line.slice(0, MAX_STDERR_LINE_CHARS)}… (${line.length.toLocaleString('en-US')} characters)`;
}

function spawnError(label: string, { command, commandFrom }: Manifest, error: unknown): ProcessChannelError {
  const code = (error as NodeJS.ErrnoException).code;
  const who = `adapter ${label}: the command \`${command}\`${commandFrom ? ` (from ${commandFrom})` : ''}`;
  const line =
    code === 'ENOENT' && commandFrom
      ? `${who} does not exist: set ${commandFrom} to an interpreter that does, or unset it`
      : code === 'ENOENT'
      ? command.includes('/')
        ? `${who} does not exist: fix \`command\` in the manifest`
        : `${who} was not found on PATH: install it, or give its full path as \`command\` in the manifest`
      : code === 'EACCES'
        ? `${who} cannot be run (EACCES): make it executable, or name its interpreter as \`command\` and the script in \`args\``
        : `${who} could not be started: ${error instanceof Error ? error.message : String(error)}`;
  return new ProcessChannelError('spawn', line, [], 'POOLCHECK_ADAPTER_NOT_FOUND');
}
