// The other end of a ProcessChannel: the adapter process poolcheck started (its stdin, stdout and
// stderr; signals go to its process group), or a child the adapter forked in fork mode (its Unix
// socket; signals go to its pid alone, and its stderr is its parent's).
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Socket } from 'node:net';
import { endGroupNow, signalGroup } from './endProcessGroup.ts';

export interface ChannelPeer {
  readonly pid: number;
  /** What the cleanup registry and error lines call it. */
  readonly label: string;
  write(line: string): void;
  onOutput(fn: (chunk: string) => void): void;
  onErrors(fn: (chunk: string) => void): void;
  /** Once the peer is gone and its output is read to the end. */
  onClose(fn: () => void): void;
  /** Resolves when the peer has ended. */
  readonly exited: Promise<void>;
  hasExited(): boolean;
  /** `exited with code 1`, `was killed by SIGKILL`, `closed its socket`. */
  howEnded(): string;
  /** Signals the peer (and what it started); false when nothing was left to signal. */
  signal(signal: NodeJS.Signals): boolean;
  /** Synchronous end, for the process's `exit`: SIGTERM, a short wait, SIGKILL. */
  endNow(): void;
}

export function processPeer(child: ChildProcessWithoutNullStreams): ChannelPeer {
  const pid = child.pid!;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.on('error', () => {}); // a failed kill of a process already gone: 'close' reports the end
  child.stdin.on('error', () => {}); // EPIPE once the process is gone: likewise
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  // Unreferenced: a request waiting for its reply keeps poolcheck alive through its deadline timer.
  for (const handle of [child, child.stdin, child.stdout, child.stderr]) (handle as { unref?: () => void }).unref?.();
  const hasExited = () => child.exitCode !== null || child.signalCode !== null;
  return {
    pid,
    label: `pid ${pid}`,
    write: (line) => void child.stdin.write(line),
    onOutput: (fn) => void child.stdout.on('data', fn),
    onErrors: (fn) => void child.stderr.on('data', fn),
    onClose: (fn) => void child.once('close', fn),
    exited,
    hasExited,
    howEnded: () => (child.signalCode !== null ? `was killed by ${child.signalCode}` : `exited with code ${child.exitCode}`),
    signal: (signal) => signalGroup(pid, signal),
    endNow: () => {
      if (!hasExited()) endGroupNow(pid, 1_000);
    },
  };
}

/** A forked child on its socket; `pid` is the one it announced. */
export function socketPeer(socket: Socket, pid: number): ChannelPeer {
  socket.setEncoding('utf8');
  socket.on('error', () => {}); // a reset once the child is gone: 'close' reports the end
  socket.unref();
  const exited = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const signal = (sig: NodeJS.Signals): boolean => {
    // Its socket closes as it ends: after that the pid may be another process's.
    if (socket.destroyed) return false;
    try {
      process.kill(pid, sig);
      return true;
    } catch {
      return false;
    }
  };
  return {
    pid,
    label: `child pid ${pid}`,
    write: (line) => void socket.write(line),
    // Resumed: whoever read the announcement paused it, with the rest put back.
    onOutput: (fn) => void socket.on('data', fn).resume(),
    onErrors: () => {},
    onClose: (fn) => void socket.once('close', fn),
    exited,
    // The child closes its socket only by ending: os._exit closes it with the process.
    hasExited: () => socket.destroyed,
    howEnded: () => 'closed its socket',
    signal,
    endNow: () => {
      signal('SIGKILL');
      socket.destroy();
    },
  };
}
