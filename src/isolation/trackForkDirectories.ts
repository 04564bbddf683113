// A fork-mode run in a worker thread keeps its children's sockets in a directory per workload,
// `poolcheck-fork-<pid>-*` (src/fork/runForkWorkload.ts), which the worker removes after each.
// A worker that was stopped, or a Ctrl-C that only the main thread hears, would leave one: the
// main thread registers their removal too (removing one twice is harmless).
import { readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanupRegistry } from '../live/database/cleanupRegistry.ts';

export function trackForkDirectories(): () => Promise<void> {
  const removeAll = (): void => {
    for (const name of readdirSync(tmpdir())) {
      if (name.startsWith(`poolcheck-fork-${process.pid}-`)) rmSync(join(tmpdir(), name), { recursive: true, force: true });
    }
  };
  return cleanupRegistry.track({ name: 'fork-mode socket directories', stop: () => Promise.resolve(removeAll()), stopNow: removeAll });
}
