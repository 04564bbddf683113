// What a worker thread needs of a database the main thread provisioned: where it is, not how to
// stop it (a function cannot cross threads, and stopping stays with the main thread).
import type { Database, DatabaseAddress } from './Database.ts';

export function databaseAddress(database: Database): DatabaseAddress {
  const { kind, url, safeUrl, host, port, database: name, user, serverVersion, provision, urlFrom } = database;
  return { kind, url, safeUrl, host, port, database: name, user, serverVersion, provision, ...(urlFrom === undefined ? {} : { urlFrom }) };
}
