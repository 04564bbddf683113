// Live mode on PostgreSQL: the pool's connections are `pg` clients tagged with the run
// (application_name), and the server's pg_stat_activity is the witness.
import type { Database } from './database/Database.ts';
import { LivePgBackend } from './LivePgBackend.ts';
import { measureConnect } from './measureConnect.ts';
import { openLiveRunner, type LiveRunner } from './openLiveRunner.ts';

export type { LiveRunner } from './openLiveRunner.ts';
import { newRunId } from './witness/newRunId.ts';
import { PostgresWitness } from './witness/PostgresWitness.ts';

export async function openPgLiveRunner(database: Database): Promise<LiveRunner> {
  const runId = newRunId();
  const witness = await PostgresWitness.open(database.url, runId);
  try {
    const connectMs = await measureConnect(database.url, runId);
    return await openLiveRunner({
      witness,
      connectMs,
      database: { url: database.safeUrl, serverVersion: database.serverVersion, provision: database.provision },
      backend: ({ clock, history, workload, stallMs }) => new LivePgBackend(database.url, runId, witness, clock, history, workload, stallMs),
    });
  } catch (error) {
    await witness.close().catch(() => undefined);
    throw error;
  }
}
