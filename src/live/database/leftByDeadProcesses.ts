// What a SIGKILLed poolcheck left in the temporary directory: entries whose name carries the pid
// of a process that no longer runs, and that are old enough not to belong to one still starting
// (pids are reused, rarely). The sweeps of embedded servers, SQLite files and MySQL run users
// all start from this list.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isAlive } from './stopProcessNow.ts';

/** Younger entries may belong to a process that is still starting. */
const MINIMUM_AGE_MS = 60_000;

/** Paths in `directory` whose name matches `pattern` (group 1: the owner's pid) and whose owner is gone. */
export function leftByDeadProcesses(directory: string, pattern: RegExp, now: number): string[] {
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const owner = Number(pattern.exec(name)?.[1]);
    if (!owner || owner === process.pid || isAlive(owner)) return [];
    const path = join(directory, name);
    try {
      return now - statSync(path).mtimeMs < MINIMUM_AGE_MS ? [] : [path];
    } catch {
      return []; // vanished meanwhile
    }
  });
}
