// How long a real MySQL/MariaDB login takes here, measured now (see measureConnect for why).
import { createConnection } from 'mysql2/promise';
import type { MysqlPoolOptions } from '../witness/MysqlWitness.ts';
import { runTag } from '../witness/runTag.ts';

/** The slowest of `samples` logins as the run's user, real ms. */
export async function measureMysqlConnect(options: MysqlPoolOptions, runId: string, samples = 5): Promise<number> {
  let worst = 0;
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    // The run user, as the pool will log in; the witness's tag on these: they are not a pool's.
    const conn = await createConnection({ ...options, connectAttributes: { program_name: runTag(runId, 'admin') } });
    try {
      worst = Math.max(worst, performance.now() - started);
    } finally {
      await conn.end().catch(() => {});
    }
  }
  return worst;
}
