// A process adapter as one more implementation of the adapter contract (spec/process-protocol.md):
// every op of the Adapter is a request on the channel, so every rule, checker and report works on
// it unchanged. The pool opens its own connections to the address the live backend hands out
// (`backend.drivers.database`), and each lease is tied to the session the adapter read over it.
//
// Loading greets the adapter (to check it and read what it claims) and keeps its process for the
// first pool, so that its start is not timed as part of a workload; `dispose` ends it (a run that
// only plans, the main thread, disposes at once). A channel that broke, or was disposed, is
// replaced at the next create: one broken rule does not break the next. Whatever breaks the
// channel is a PoolcheckError, which the runner reports as an errored rule, never as the pool's
// behaviour.
import type { AcquireOptions, Adapter, ErrorClass } from '../adapter/Adapter.ts';
import type { Connection, DatabaseDriver } from '../adapter/Backend.ts';
import { PoolcheckError } from '../errors.ts';
import { unavailableAdapter } from '../adapter/unavailableAdapter.ts';
import { basename } from 'node:path';
import { AdapterUnavailable, greet } from './greet.ts';
import { ProcessChannelError } from './ProcessChannelError.ts';
import { readManifest } from './readManifest.ts';
import { ProcessAdapterError } from './ProcessAdapterError.ts';
import type { ProcessChannel } from './ProcessChannel.ts';
import type { Greeting, Handle } from './protocol.ts';
import { redactUrl } from './redactUrl.ts';
import type { ForkHost } from '../fork/ForkHost.ts';
import { manifestForkHost } from '../fork/manifestForkHost.ts';

/**
 * Real ms any request after `hello` may take. A pool may rightly keep an acquire waiting (a 30 s
 * default timeout), and the run's watchdog stops a run that outlives its horizons well before:
 * this deadline catches an adapter that is stuck beyond both.
 */
export const REQUEST_DEADLINE_MS = 120_000;

/** What poolcheck's workloads send as SQL, in the words a real server understands. */
const FAILING_SQL = 'select * from poolcheck_no_such_relation';

interface ProcessPool {
  /** The adapter's handle, once `create` is answered; rejects with a PoolcheckError when it is not. */
  readonly handle: Promise<Handle>;
  readonly channel: Promise<ProcessChannel>;
  /** Where the pool connects, and how its sessions are told apart. */
  readonly database: DatabaseDriver;
  tasks: number;
}

interface ProcessLease {
  readonly handle: Handle;
  readonly connection: Connection;
}

export interface LoadedProcessAdapter {
  readonly adapter: Adapter<ProcessPool, ProcessLease>;
  /** Ends the adapter's process, if a pool was ever created. */
  readonly dispose: () => Promise<void>;
  /** Why it cannot run here and how to make it (its manifest's `unavailable`): every rule is then skipped. */
  readonly unavailable?: string;
  /** Fork mode's way to start it, from the manifest read once here. */
  readonly forkHost?: ForkHost;
}

export async function loadProcessAdapter(manifestPath: string): Promise<LoadedProcessAdapter> {
  const manifest = readManifest(manifestPath);
  let greeted: Awaited<ReturnType<typeof greet>>;
  try {
    greeted = await greet(manifestPath, {}, manifest);
  } catch (error) {
    const missing = error instanceof AdapterUnavailable || (error instanceof ProcessChannelError && error.fault === 'spawn');
    if (!manifest.unavailable || !missing) throw error;
    const why = error instanceof ProcessChannelError ? error.line : (error as Error).message;
    return { adapter: unavailableAdapter<ProcessPool, ProcessLease>(manifest.name ?? basename(manifestPath, '.adapter.json'), { model: false, live: 'postgres', ownConnections: true }), dispose: async () => {}, unavailable: `${why}. ${manifest.unavailable}` };
  }
  const { greeting, channel } = greeted;
  if (greeting.runsOn.live !== 'postgres') {
    throw new PoolcheckError('POOLCHECK_ADAPTER_CONTRACT', `adapter ${manifestPath}: process adapters run on PostgreSQL for now; its greeting says \`runsOn.live\` is ${greeting.runsOn.live}`);
  }
  // The greeted process is kept for the first pool: its start is not timed as the first
  // workload's acquire wait. A caller that only plans disposes it at once (runCommand).
  let open: Promise<ProcessChannel> | null = Promise.resolve(channel);
  const reopen = async (): Promise<ProcessChannel> => (await greet(manifestPath, {}, manifest)).channel;
  const usable = (): Promise<ProcessChannel> => {
    open = open?.then((ch) => (ch.fault ? reopen() : ch), reopen) ?? reopen();
    return open;
  };
  return {
    adapter: processAdapter(greeting, usable),
    forkHost: manifestForkHost(manifestPath, manifest),
    dispose: async () => {
      const opened = open;
      open = null;
      await opened?.then((ch) => ch.close(), () => undefined);
    },
  };
}

function processAdapter(greeting: Greeting, channel: () => Promise<ProcessChannel>): Adapter<ProcessPool, ProcessLease> {
  const deadline = { deadlineMs: REQUEST_DEADLINE_MS };
  const onPool = async <T>(pool: ProcessPool, send: (ch: ProcessChannel, handle: Handle) => Promise<T>): Promise<T> => send(await pool.channel, await pool.handle);
  return {
    contract: 2,
    name: greeting.name,
    pool: greeting.pool,
    capabilities: greeting.capabilities,
    ...(greeting.claims === undefined ? {} : { claims: greeting.claims }),
    ...(greeting.knownGaps === undefined ? {} : { knownGaps: greeting.knownGaps }),
    runsOn: { model: false, live: greeting.runsOn.live, ownConnections: true },
    create(config, backend) {
      const database = backend.drivers?.database;
      if (!database) throw new PoolcheckError('POOLCHECK_ADAPTER_CONTRACT', `adapter ${greeting.name}: a process adapter runs in live mode, where the backend hands out the run's database address`);
      const opened = channel();
      const handle = opened.then(async (ch) => {
        redactUrl(ch, database.url);
        try {
          return (await ch.request('create', { config, database: { kind: database.kind, url: database.url } }, deadline)).pool;
        } catch (error) {
          if (!(error instanceof ProcessAdapterError)) throw error;
          throw new PoolcheckError('POOLCHECK_ADAPTER_CONTRACT', `adapter ${greeting.name}: \`create\` failed: ${error.type}: ${error.message}`);
        }
      });
      handle.catch(() => undefined); // reported by the calls that need it
      return { handle, channel: opened, database, tasks: 0 };
    },
    async acquire(pool, options: AcquireOptions) {
      const task = `t${++pool.tasks}`;
      const ok = await onPool(pool, (ch, handle) => ch.request('acquire', { pool: handle, task, ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }) }, deadline));
      const ch = await pool.channel;
      const session = await pool.database.connection(ok.session);
      return { handle: ok.lease, connection: leaseConnection(session, (sql) => ch.request('use', { lease: ok.lease, sql }, deadline)) };
    },
    connection: (lease) => lease.connection,
    release: (pool, lease) => onPool(pool, (ch, handle) => ch.request('release', { pool: handle, lease: lease.handle }, deadline)),
    destroy: (pool, lease) => onPool(pool, (ch, handle) => ch.request('destroy', { pool: handle, lease: lease.handle }, deadline)),
    close: (pool) => onPool(pool, (ch, handle) => ch.request('close', { pool: handle }, deadline)),
    classifyError: (error): ErrorClass => (error instanceof ProcessAdapterError ? error.errorClass : 'other'),
    ...(greeting.capabilities.query
      ? { query: (pool: ProcessPool, sql: unknown) => onPool(pool, (ch, handle) => ch.request('query', { pool: handle, sql: sqlText(sql) }, deadline)) }
      : {}),
  };
}

/** The lease's view of its session: the backend's ledger entry, with queries run by the adapter over the pool's connection. */
function leaseConnection(session: Connection, use: (sql: string) => Promise<unknown>): Connection {
  return {
    id: session.id,
    get open() {
      return session.open;
    },
    get alive() {
      return session.alive;
    },
    query: (sql) => {
      const text = sqlText(sql);
      if (text === null) return Promise.reject(new TypeError(`query text must be a string, got ${typeof sql}`));
      return use(text);
    },
    ping: () => session.ping(),
    close: () => session.close(),
  };
}

/** poolcheck's SQL words as a real server reads them: `error` a statement it rejects, nothing as null. */
function sqlText(sql: unknown): string | null {
  if (typeof sql !== 'string') return null;
  return sql === 'error' ? FAILING_SQL : sql;
}
