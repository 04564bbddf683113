// What a worker thread's live run may leave behind when the main thread stops it, or when a
// Ctrl-C that only the main thread hears ends the process first, and how the main thread removes
// it, touching only the run's own:
// - PostgreSQL: the sessions tagged with the run (the pool's, through the fault proxy that died
//   with the thread, and the witness's), ended through a witness of the same run id;
// - MySQL/MariaDB: the run's user, which outlives every connection, and its sessions;
// - SQLite: the run's temporary directory; fork mode: its directories of sockets.
// Called after every worker ends. A worker that ended `done` closed its runner and removed its
// own leftovers, so only SQLite's directory (a cheap, harmless second removal) is removed again;
// after a stop, everything is.
import { cleanupRegistry } from '../live/database/cleanupRegistry.ts';
import { dropRunUser } from '../live/witness/dropRunUser.ts';
import { runUserName } from '../live/witness/MysqlRunUser.ts';
import { PostgresWitness } from '../live/witness/PostgresWitness.ts';
import type { LiveInfo } from '../runner/AdapterReport.ts';
import { trackWorkerDirectory } from './trackWorkerDirectory.ts';
import { trackForkDirectories } from './trackForkDirectories.ts';
import type { LiveOrder } from './WorkerOrder.ts';

/**
 * Registers the run's leftovers for cleanup; the returned function removes them now, or only
 * lets go of the registration when the worker cleaned up after itself.
 */
export function trackWorkerLeftovers(live: LiveOrder, runId: string, info: LiveInfo, fork = false): (workerCleanedUp: boolean) => Promise<void> {
  switch (live.kind) {
    case 'sqlite': {
      const remove = trackWorkerDirectory(info.database.url);
      return () => remove();
    }
    case 'postgres': {
      // Sessions are not registered: a process that exits closes its sockets, and the server ends
      // them. Fork mode's socket directories are.
      const removeDirectories = fork ? trackForkDirectories() : () => Promise.resolve();
      return async (cleanedUp) => {
        await removeDirectories();
        if (!cleanedUp) await endTaggedSessions(live.url, runId);
      };
    }
    case 'mysql': {
      let needed = true;
      // A user the cleanup could not drop stays in the ledger, and the next run drops it.
      const remove = cleanupRegistry.track({
        name: `poolcheck's user ${runUserName(runId)} on ${info.database.url}`,
        stop: () => (needed ? dropRunUser(live.url, runId) : Promise.resolve()),
        stopNow: () => {},
      });
      return (cleanedUp) => {
        needed = !cleanedUp;
        return remove();
      };
    }
  }
}

async function endTaggedSessions(url: string, runId: string): Promise<void> {
  const witness = await PostgresWitness.open(url, runId);
  try {
    await witness.killAll();
  } finally {
    await witness.close();
  }
}
