// How long opening the run's SQLite file takes here, measured now, as the pool's connects will
// do it: through the witness's factory, then one statement. SQLite's own version comes along.
import type { SqliteWitness } from '../witness/SqliteWitness.ts';

/** The slowest of `samples` connects in real ms, and the SQLite library's version. */
export function measureSqliteConnect(witness: SqliteWitness, samples = 5): { connectMs: number; version: string } {
  let worst = 0;
  let version = 'unknown';
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    const db = witness.connect();
    try {
      version = String(db.prepare('select sqlite_version()').pluck().get());
      worst = Math.max(worst, performance.now() - started);
    } finally {
      db.close();
    }
  }
  return { connectMs: worst, version };
}
