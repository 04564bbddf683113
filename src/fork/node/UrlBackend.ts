// The backend a hosted adapter builds its pool on (src/adapter/Backend.ts): real pg clients to
// the URL of poolcheck's `create`, given to the driver as it is (it carries the run's tag). Each
// session's identity is read over it once, right after its connect, and kept with its Connection.
// `connect()` serves pools with a factory (generic-pool, tarn); `drivers.pgClient` pools that take
// a client class (pg-pool), the same way in the class's own connect, as live mode's LivePgBackend.
import pg from 'pg';
import { ConnectError, type Backend, type BackendDrivers, type Connection } from '../../adapter/Backend.ts';
import { PgSessionConnection } from './PgSessionConnection.ts';
import { readSession } from './readSession.ts';

export class UrlBackend implements Backend {
  readonly drivers: BackendDrivers;
  #connects = 0;

  constructor(private readonly url: string) {
    this.drivers = { pgClient: this.#pgClientClass() };
  }

  connect(): Promise<Connection> {
    const client = new pg.Client({ connectionString: this.url });
    return this.#open(client, () => client.connect());
  }

  /** Connects `client` and reads its session; a failure is the ConnectError ERR-1 looks for, with the driver's message. */
  async #open(client: pg.Client, connect: () => Promise<unknown>): Promise<PgSessionConnection> {
    // Named when the connect starts, as the contract counts them.
    const id = `c${++this.#connects}`;
    // Heard from the start: a session lost before it is a Connection must not crash the host.
    client.on('error', () => {});
    try {
      await connect();
      return new PgSessionConnection(id, await readSession((sql) => client.query(sql)), client);
    } catch (error) {
      // A failed identity read leaves a connected client that no pool will end.
      void client.end().catch(() => undefined);
      throw new ConnectError(error instanceof Error ? error.message : String(error), { cause: error });
    }
  }

  /** A `pg.Client` subclass for pg-pool's `Client` option: each instance a session of `url`, with `view` its Connection. */
  #pgClientClass(): new () => pg.Client {
    const url = this.url;
    const open = (client: pg.Client, connect: () => Promise<unknown>) => this.#open(client, connect);
    return class UrlPgClient extends pg.Client {
      /** The Connection behind this client once it is connected: what pg-pool's adapter returns from `connection(lease)`. */
      view: PgSessionConnection | null = null;

      constructor() {
        // Whatever the pool passes (its own options), the session goes to the URL as given.
        super({ connectionString: url });
      }

      override connect(): Promise<pg.Client>;
      override connect(callback: (err: Error) => void): void;
      override connect(callback?: (err: Error) => void): Promise<pg.Client> | void {
        const connecting = open(this, () => super.connect()).then((conn) => {
          this.view = conn;
          return this;
        });
        if (!callback) return connecting;
        connecting.then(() => callback(null as unknown as Error), callback);
      }
    };
  }
}
