// Live mode on PostgreSQL: the pool's connections are `pg` clients tagged with the run
// (application_name), and the server's pg_stat_activity is the witness. Every pool session goes
// through a fault proxy on loopback, started once per runner, where the workload's scripted
// connect faults happen; the witness and the connect-time measure connect directly.
import type { DatabaseAddress } from './database/Database.ts';
import { FaultProxy, type FaultProxyStats } from './faultProxy.ts';
import { LivePgBackend } from './LivePgBackend.ts';
import { LivePgOwnBackend } from './postgres/LivePgOwnBackend.ts';
import { measureConnect } from './measureConnect.ts';
import { openLiveRunner, type LiveRunner } from './openLiveRunner.ts';
import { pgProxyTarget, pgUrlViaProxy } from './pgUrlViaProxy.ts';
import { DecideByClientPort } from './proxy/decideByClientPort.ts';

export type { LiveRunner } from './openLiveRunner.ts';
import { newRunId } from './witness/newRunId.ts';
import { PostgresWitness } from './witness/PostgresWitness.ts';
import { reportedDatabase } from './database/reportedDatabase.ts';

/** A PostgreSQL live runner, with what its fault proxy saw (for tests and reports). */
export interface PgLiveRunner extends LiveRunner {
  readonly proxy: {
    /** Where the pool's clients connect (127.0.0.1). */
    readonly port: number;
    stats(): FaultProxyStats;
    /** Connections at the proxy never paired with their connect (a run leaves none behind). */
    readonly unpaired: number;
  };
}

export interface PgLiveRunnerOptions {
  /**
   * The pool opens its own connections from an address (`runsOn.ownConnections`): each workload
   * gets a proxy of its own and a URL through it (src/live/postgres/LivePgOwnBackend.ts).
   */
  readonly ownConnections?: boolean;
}

export async function openPgLiveRunner(database: DatabaseAddress, options: PgLiveRunnerOptions = {}): Promise<PgLiveRunner> {
  const runId = newRunId();
  const witness = await PostgresWitness.open(database.url, runId);
  let proxy: FaultProxy | undefined;
  try {
    const decisions = new DecideByClientPort();
    proxy = await FaultProxy.start({ target: pgProxyTarget(database), decide: decisions.decide });
    const route = { url: pgUrlViaProxy(database.url, proxy), decisions, proxy };
    const connectMs = await measureConnect(database.url, runId);
    const opened = proxy;
    const runner = await openLiveRunner({
      witness,
      connectMs,
      database: reportedDatabase(database),
      backend: ({ clock, history, workload, stallMs }) =>
        options.ownConnections
          ? LivePgOwnBackend.open(database, runId, witness, clock, history, workload, stallMs)
          : new LivePgBackend(route, runId, witness, clock, history, workload, stallMs),
      close: () => opened.close(),
    });
    return {
      ...runner,
      proxy: {
        port: opened.port,
        stats: () => opened.stats(),
        get unpaired() {
          return decisions.unpaired;
        },
      },
    };
  } catch (error) {
    await witness.close().catch(() => undefined);
    await proxy?.close().catch(() => undefined);
    throw error;
  }
}
