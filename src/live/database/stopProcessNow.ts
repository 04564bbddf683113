// Synchronous kill-and-wait, for the places where the event loop no longer runs (`exit`, a
// second Ctrl-C). A child that died but was not reaped yet is a zombie: it still answers
// kill(pid, 0), so on Linux /proc decides; elsewhere the wait simply runs to its deadline.
import { readFileSync } from 'node:fs';

function sleepSync(millis: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, millis);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // The state is the first field after the parenthesised command name.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

/** Sends `signal`, waits up to `waitMillis` for the process to end, then SIGKILLs it. */
export function stopProcessNow(pid: number, signal: NodeJS.Signals, waitMillis: number): void {
  try {
    process.kill(pid, signal);
  } catch {
    return; // already gone
  }
  const deadline = Date.now() + waitMillis;
  while (isAlive(pid) && Date.now() < deadline) sleepSync(10);
  if (isAlive(pid)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone in between
    }
  }
}
