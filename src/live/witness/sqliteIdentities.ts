// The identities SqliteWitness gives the Database objects it opens, kept where
// connectionIdentity() can find them. A WeakMap, so a closed and dropped Database is not kept
// alive by poolcheck's bookkeeping.
import type { Database } from 'better-sqlite3';

export const sqliteIdentities = new WeakMap<Database, string>();
