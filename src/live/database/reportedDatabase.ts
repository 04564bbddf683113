// What a report says about the database a live or fork run used: where (password redacted), which
// server, how it came to be, and the `--db` that picks it again for a replay.
import type { DatabaseAddress } from './Database.ts';
import { replayDbFlag } from './replayDbFlag.ts';

/** AdapterReport's `live.database` (declared there; not imported, so this folder depends on nothing above it). */
export interface ReportedDatabase {
  readonly url: string;
  readonly serverVersion: string;
  readonly provision: DatabaseAddress['provision'];
  readonly db: string;
}

export function reportedDatabase(database: DatabaseAddress): ReportedDatabase {
  return { url: database.safeUrl, serverVersion: database.serverVersion, provision: database.provision, db: replayDbFlag(database) };
}
