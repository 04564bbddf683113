// The databases of a test file's live describePools, had once for the file: every describePool
// with the same `db` shares one LiveDatabases (which has each kind of database once), and the
// last of them to finish stops it. All describePool calls of a file are made while vitest collects
// it, before any hook runs, so the count of users is complete before the first one is done.
import type { DbSelection } from '../src/live/database/index.ts';
import { LiveDatabases } from '../src/live/LiveDatabases.ts';

const shared = new Map<string, { readonly databases: LiveDatabases; users: number }>();

export interface FileDatabases {
  readonly databases: LiveDatabases;
  /** This describePool is done with them: the last one stops them. */
  readonly release: () => Promise<void>;
}

export function fileDatabases(selection: DbSelection): FileDatabases {
  const key = JSON.stringify(selection);
  const entry = shared.get(key) ?? { databases: new LiveDatabases(selection), users: 0 };
  shared.set(key, entry);
  entry.users++;
  let released = false;
  return {
    databases: entry.databases,
    release: async () => {
      if (released) return;
      released = true;
      if (--entry.users > 0) return;
      shared.delete(key);
      await entry.databases.stop();
    },
  };
}
