// A live SQLite run in a worker thread keeps its database file in a temporary directory of its own
// (src/live/sqlite/openSqliteLiveRunner.ts), which the worker removes when it closes its runner.
// A worker that was stopped, or a Ctrl-C that only the main thread hears, would leave it: the
// main thread registers it for cleanup too (removing it twice is harmless).
import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname } from 'node:path';
import { cleanupRegistry } from '../live/database/cleanupRegistry.ts';

/** `file`: the run's database file; its directory is removed only if it is poolcheck's own. */
export function trackWorkerDirectory(file: string): () => Promise<void> {
  const dir = dirname(file);
  if (dirname(dir) !== tmpdir() || !basename(dir).startsWith(`poolcheck-sqlite-${process.pid}-`)) return () => Promise.resolve();
  return cleanupRegistry.track({
    name: `SQLite directory ${dir}`,
    stop: () => rm(dir, { recursive: true, force: true }),
    stopNow: () => rmSync(dir, { recursive: true, force: true }),
  });
}
