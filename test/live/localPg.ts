import type { DatabaseAddress } from '../../src/live/database/Database.ts';

/** The machine's PostgreSQL (trust auth), as provisioning would describe it. */
export const LOCAL_PG: DatabaseAddress = {
  kind: 'postgres',
  url: 'postgres://postgres@127.0.0.1:5432/postgres',
  safeUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
  host: '127.0.0.1',
  port: 5432,
  database: 'postgres',
  user: 'postgres',
  serverVersion: 'PostgreSQL',
  provision: 'url',
};
