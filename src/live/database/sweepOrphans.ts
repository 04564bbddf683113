// A poolcheck that was SIGKILLed (a watchdog, the OOM killer) runs no cleanup at all, and a
// PostgreSQL server does not notice that its parent died. So each embedded start (and each SQLite
// runner) first removes what dead poolcheck processes left: temporary directories named
// `poolcheck-pg-<pid>-*`, `poolcheck-sqlite-<pid>-*` or `poolcheck-fork-<pid>-*` whose pid no longer runs, and the server
// still running in one of them. Careful, since /tmp may be
// shared with other pid namespaces (containers): a server is only signalled once /proc shows its
// command line naming that directory; a directory whose server runs but cannot be verified is
// left alone, and so is a directory younger than a minute (it may still be starting).
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { leftByDeadProcesses } from './leftByDeadProcesses.ts';
import { isAlive, stopProcessNow } from './stopProcessNow.ts';

const ours = /^poolcheck-(?:pg|sqlite|fork)-(\d+)-/;

function runsIn(pid: number, dataDir: string): boolean {
  try {
    // Arguments are NUL-separated, unless the process rewrote its title; either way the path shows.
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dataDir);
  } catch {
    return false; // no /proc (not Linux), or gone
  }
}

/** Whether the server of `dataDir`, if any, is gone now (stopped here if it was verifiably ours). */
function serverGone(dataDir: string): boolean {
  let postmaster: number;
  try {
    postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return true; // no postmaster.pid: no server ran there, or it stopped cleanly
  }
  if (!postmaster || !isAlive(postmaster)) return true;
  if (!runsIn(postmaster, dataDir)) return false;
  stopProcessNow(postmaster, 'SIGQUIT', 3_000);
  return !isAlive(postmaster);
}

/** Best effort, never throws; returns the directories it removed. */
export function sweepOrphans(directory = tmpdir(), now = Date.now()): string[] {
  const removed: string[] = [];
  for (const path of leftByDeadProcesses(directory, ours, now)) {
    try {
      if (!serverGone(join(path, 'data'))) continue;
      rmSync(path, { recursive: true, force: true, maxRetries: 3 });
      removed.push(path);
    } catch {
      // vanished meanwhile, or not ours to remove: the next start looks again
    }
  }
  return removed;
}
