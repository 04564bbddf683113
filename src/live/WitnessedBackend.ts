// What every live backend shares: its sessions are known to the server by an identity, the server
// kills them through the witness (only ever one of this run's), and the server's own list of the
// run's sessions is read back under the names the history gives them (c1, c2, ...).
import type { History } from '../history/History.ts';
import type { BackendScript } from '../workload/ConnectStep.ts';
import { ScriptedBackend, type LedgerConnection } from '../runner/ScriptedBackend.ts';
import type { Witness } from './witness/Witness.ts';

export interface WitnessedConnection extends LedgerConnection {
  /** The server-side identity: the witness's name for the session. */
  readonly identity: string;
}

export abstract class WitnessedBackend<C extends WitnessedConnection, W extends Pick<Witness, 'kill' | 'sessions'>> extends ScriptedBackend<C> {
  constructor(
    history: History,
    script: BackendScript,
    protected readonly witness: W,
  ) {
    super(history, script);
  }

  /** The server terminates the session, through the witness: only ever one of this run's. */
  protected override terminate(conn: C): Promise<boolean> {
    return this.witness.kill(conn.identity);
  }

  /** The server's own list of this run's sessions, named as the history names them. */
  async serverSessions(): Promise<string[]> {
    const byIdentity = new Map(this.conns.map((c) => [c.identity, c.id]));
    return (await this.witness.sessions()).map((s) => byIdentity.get(s.identity) ?? s.identity);
  }
}
