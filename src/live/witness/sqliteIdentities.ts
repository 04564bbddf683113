// The identities SqliteWitness gives the Database objects it opens, kept where
// connectionIdentity() can find them. A WeakMap, so a closed and dropped Database is not kept
// alive by poolcheck's bookkeeping. Keyed by `object`, not better-sqlite3's Database: its type
// would reach the package's .d.ts, and better-sqlite3 is optional for the package's users.
export const sqliteIdentities: WeakMap<object, string> = new WeakMap();
