// What the live runner gets from provisioning: one reachable database and how to let go of it.
// `url` carries the password and is only ever handed to drivers; anything printed uses `safeUrl`.

export type DatabaseKind = 'postgres' | 'mysql';

/** How the database came to be: given by the user, started in a container, or started here. */
export type ProvisionPath = 'url' | 'testcontainers' | 'embedded';

export interface Database {
  readonly kind: DatabaseKind;
  /** With credentials: for drivers only, never printed. */
  readonly url: string;
  /** The same URL with the password replaced by `***`: for reports and messages. */
  readonly safeUrl: string;
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
  /** As the server reports it, e.g. `PostgreSQL 18.4` or `MariaDB 10.11.19-MariaDB-0+deb12u1`. */
  readonly serverVersion: string;
  readonly provision: ProvisionPath;
  /**
   * A URL's origin, for replay commands: `--db`, or the environment variable it was read from
   * (`POOLCHECK_PG_URL`, `DATABASE_URL`, `POOLCHECK_MYSQL_URL`). Absent for what poolcheck started.
   */
  readonly urlFrom?: string;
  /** Stops and removes whatever provisioning started (nothing for a URL). Idempotent. */
  stop(): Promise<void>;
}

/** Where a provisioned database is, without how to stop it: what a runner opened elsewhere needs. */
export type DatabaseAddress = Omit<Database, 'stop'>;

/** No database of this kind here: the runner reports the adapters that need it as skipped. */
export interface SkippedDatabase {
  readonly skipped: string;
}
