// A process adapter runs as the leader of a process group of its own (spawned detached), so that
// whatever it starts ends with it: poolcheck signals the group, never a name. The synchronous
// form is for the parent's `exit`, where the event loop no longer runs.
import { isAlive } from '../live/database/stopProcessNow.ts';

/** Signals every process in the group `pid` leads; false when none was left. */
export function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM to the group, up to `waitMillis` for its leader to end, then SIGKILL to what is left. */
export function endGroupNow(pid: number, waitMillis: number): void {
  if (!signalGroup(pid, 'SIGTERM')) return;
  const deadline = Date.now() + waitMillis;
  while (isAlive(pid) && Date.now() < deadline) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
  signalGroup(pid, 'SIGKILL');
}
