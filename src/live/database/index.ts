// How poolcheck gets a real database, for the live runner. Internal: not part of src/index.ts.
export type { Database, DatabaseAddress, DatabaseKind, ProvisionPath, SkippedDatabase } from './Database.ts';
export { databaseAddress } from './databaseAddress.ts';
export type { DbSelection, MysqlChoice, PostgresChoice } from './DbChoice.ts';
export type { ProvisionDeps } from './ProvisionDeps.ts';
export { provisionPostgres } from './provisionPostgres.ts';
export { provisionMysql } from './provisionMysql.ts';
export { parseDbFlag } from './parseDbFlag.ts';
export { stopAll } from './stopAll.ts';
export { containerRuntimeAnswers } from './containerRuntimeAnswers.ts';
