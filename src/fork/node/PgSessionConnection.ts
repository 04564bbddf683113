// A Connection (src/adapter/Connection.ts) over a connected pg.Client, with the server's identity
// of its session, read once right after the connect: what the host answers every acquire of this
// connection with, never asking again (a pool that hands out a session the server killed is what
// poolcheck looks for).
import type pg from 'pg';
import { checkQueryText, type Connection, type ServerSession } from '../../adapter/Backend.ts';

export class PgSessionConnection implements Connection {
  #open = true;
  #killed = false;

  constructor(
    readonly id: string,
    readonly session: ServerSession,
    private readonly client: pg.Client,
  ) {
    // A session the server ends makes the client emit 'error', then 'end'. A pool that owns its
    // clients (pg-pool) ends them itself, not through close(): the 'end' is the last word either way.
    client.on('error', () => {
      this.#killed = true;
    });
    client.on('end', () => {
      this.#open = false;
    });
  }

  get open(): boolean {
    return this.#open;
  }

  get alive(): boolean {
    return this.#open && !this.#killed;
  }

  /** A statement to the server every time; what cannot be sent throws at once, as the contract asks. */
  query(sql: unknown): Promise<unknown> {
    checkQueryText(sql);
    return this.client.query(sql);
  }

  ping(): Promise<boolean> {
    if (!this.alive) return Promise.resolve(false);
    return this.client.query('select 1').then(
      () => true,
      () => false,
    );
  }

  close(): Promise<void> {
    if (!this.#open) return Promise.resolve();
    this.#open = false;
    return this.client.end().catch(() => undefined);
  }
}
