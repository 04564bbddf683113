// What the live runner asks of a database server (or, for SQLite, of poolcheck's own factory):
// which of this run's sessions exist right now. It is the ground truth of live mode, so it
// never trusts the pool or the driver: every answer comes from the server's own session list,
// read over a connection that is never part of the pool under test.

/** One session that carries this run's tag, as the server sees it. */
export interface WitnessSession {
  /** Server-side identity; `connectionIdentity()` gives the same string from the client side. */
  readonly identity: string;
  /**
   * The server's own word for what the session is doing, unchanged: PostgreSQL's `state`
   * (`idle`, `active`, `idle in transaction`, ...), MySQL's `COMMAND` (`Sleep`, `Query`, ...),
   * `open` for SQLite.
   */
  readonly state: string;
  /**
   * When the session entered that state, on the witness's clock (the `now` it was opened with),
   * derived from how long the server says it has been in it; null where the server does not say.
   */
  readonly since: number | null;
}

/** How many of this run's sessions existed at some instant between `sentAt` and `receivedAt`. */
export interface WitnessSample {
  readonly count: number;
  readonly sentAt: number;
  readonly receivedAt: number;
}

export interface WitnessOptions {
  /** The clock of sample and session times; the runner passes its own. Default performance.now. */
  readonly now?: () => number;
}

export interface Witness {
  readonly kind: 'postgres' | 'mysql' | 'sqlite';
  readonly runId: string;
  /** What marks this run's sessions on the server (an application_name, a user, a factory). */
  readonly tag: string;
  /** Where the server is, for messages: `PostgreSQL at 127.0.0.1:5432`. Never a password. */
  readonly server: string;
  /** This run's sessions; never the witness's own, never anyone else's. */
  sessions(): Promise<WitnessSession[]>;
  /** The count of this run's sessions: the cheap query a sampler repeats. */
  sample(): Promise<WitnessSample>;
  /**
   * Terminates the session with this identity if, and only if, it carries this run's tag, and
   * waits until the server no longer lists it. Resolves false when no such session of this run
   * exists (never ours, or already gone).
   */
  kill(identity: string): Promise<boolean>;
  /** Terminates every session of this run and waits until they are gone; resolves how many. */
  killAll(): Promise<number>;
  /** Connections the server accepts for poolcheck's user (Infinity where there is no limit). */
  maxConnections(): Promise<number>;
  /** Connections open on the server now, everyone's (the witness's own included). */
  usedConnections(): Promise<number>;
  /**
   * Kills this run's leftover sessions, removes whatever the witness created on the server, and
   * closes its own connections. Resolves how many leftover sessions it had to kill.
   */
  close(): Promise<number>;
}
