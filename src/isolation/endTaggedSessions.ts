// After the main thread stopped a worker in live mode, the sessions of that worker's run may
// still be open on the server (the pool's, through the proxy that died with the thread, and the
// worker's own witness connection). They carry the run's tag, so the main thread's own witness
// for that run id ends them, touching nothing else (src/live/witness/PostgresWitness.ts).
import { PostgresWitness } from '../live/witness/PostgresWitness.ts';
import type { DatabaseAddress } from './WorkerOrder.ts';

export async function endTaggedSessions(database: DatabaseAddress, runId: string): Promise<void> {
  const witness = await PostgresWitness.open(database.url, runId);
  try {
    await witness.killAll();
  } finally {
    await witness.close();
  }
}
