// Starts one child of a fork-mode workload: poolcheck listens on a Unix socket of its own, asks
// the parent adapter to `fork` (spec/process-protocol.md), and takes the child's channel from the
// socket once the child has announced itself there as the process the parent named.
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { ProcessChannel } from '../process/ProcessChannel.ts';
import { ProcessChannelError } from '../process/ProcessChannelError.ts';
import { quoteLine } from '../process/quoteLine.ts';
import { within } from './within.ts';

/** Real ms a child may take to start, run its after-fork step and announce itself. */
export const ANNOUNCE_DEADLINE_MS = 15_000;


export async function forkChild(parent: ProcessChannel, label: string, child: string, dir: string, deadlineMs: number): Promise<ProcessChannel> {
  const address = join(dir, `${child}.sock`);
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(address, resolve));
  const who = `adapter ${label}: child ${child}`;
  try {
    const connected = firstConnection(server);
    const { pid } = await parent.request('fork', { child, address }, { deadlineMs });
    const socket = await inAnnounceTime(connected, `${who} (pid ${pid}) did not connect to ${address} within ${ANNOUNCE_DEADLINE_MS / 1000} s`, parent);
    const line = await inAnnounceTime(firstLine(socket), `${who} (pid ${pid}) connected but did not announce itself`, parent).catch((error: unknown) => {
      socket.destroy();
      throw error;
    });
    const announced = announcement(line);
    if (announced === null || announced.child !== child || announced.pid !== pid) {
      socket.destroy();
      throw new ProcessChannelError('malformed', `${who}: expected its first line to be {"event":"child","child":"${child}","pid":${pid}}, got ${quoteLine(line)}`, parent.stderrTail());
    }
    return ProcessChannel.overSocket(`${label} child ${child}`, socket, pid);
  } finally {
    server.close();
  }
}

function firstConnection(server: Server): Promise<Socket> {
  return new Promise((resolve) => server.once('connection', resolve));
}

/** The socket's first line; what came after it is put back for the channel. */
function firstLine(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf(10);
      if (end === -1) return;
      socket.off('data', onData).off('close', onClose);
      socket.pause();
      if (end + 1 < buffered.length) socket.unshift(buffered.subarray(end + 1));
      resolve(buffered.subarray(0, end).toString('utf8'));
    };
    const onClose = (): void => reject(new Error('the socket closed before a line'));
    socket.on('data', onData).once('close', onClose);
  });
}

function announcement(line: string): { child: unknown; pid: unknown } | null {
  try {
    const message = JSON.parse(line) as Record<string, unknown>;
    return message.event === 'child' ? { child: message.child, pid: message.pid } : null;
  } catch {
    return null;
  }
}

/** `promise` within the announce deadline; a rejection, or none by then, is the channel's `deadline` fault saying `line`. */
function inAnnounceTime<T>(promise: Promise<T>, line: string, parent: ProcessChannel): Promise<T> {
  const fault = () => new ProcessChannelError('deadline', line, parent.stderrTail());
  return within(promise, ANNOUNCE_DEADLINE_MS, fault).catch(() => Promise.reject(fault()));
}
