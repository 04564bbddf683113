// Where a database should come from. `auto` follows DESIGN.md's order; the rest are what
// `--db` can force. URLs stay strings here and are checked by parseDatabaseUrl.

export type PostgresChoice = 'auto' | 'embedded' | 'testcontainers' | (string & {});
export type MysqlChoice = 'auto' | 'testcontainers' | (string & {});

/** What one `--db` value asks for; a kind it does not mention stays `auto`. */
export interface DbSelection {
  readonly postgres?: PostgresChoice;
  readonly mysql?: MysqlChoice;
}
