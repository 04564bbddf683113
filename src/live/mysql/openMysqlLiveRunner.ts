// Live mode on MySQL/MariaDB: the pool (mysql2's or mariadb's) opens its own connections as the
// run's user through a stream option poolcheck provides, and the server's process list, read by
// MysqlWitness, is the witness.
import type { DatabaseAddress } from '../database/Database.ts';
import { measureMysqlConnect } from './measureMysqlConnect.ts';
import { openLiveRunner, type LiveRunner } from '../openLiveRunner.ts';
import { MysqlWitness } from '../witness/MysqlWitness.ts';
import { newRunId } from '../witness/newRunId.ts';
import { LiveMysqlBackend } from './LiveMysqlBackend.ts';
import { reportedDatabase } from '../database/reportedDatabase.ts';

export async function openMysqlLiveRunner(database: DatabaseAddress): Promise<LiveRunner> {
  const witness = await MysqlWitness.open(database.url, newRunId());
  try {
    const connectMs = await measureMysqlConnect(witness.poolOptions, witness.runId);
    // The measuring sessions are gone before the first workload counts the run user's sessions.
    await witness.killAll();
    return await openLiveRunner({
      witness,
      connectMs,
      database: reportedDatabase(database),
      backend: ({ clock, history, workload, stallMs }) => new LiveMysqlBackend(witness, clock, history, workload, stallMs),
    });
  } catch (error) {
    await witness.close().catch(() => undefined);
    throw error;
  }
}
