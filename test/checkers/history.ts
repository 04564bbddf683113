// A tiny builder for the hand-written histories the checker unit tests judge: each call appends
// the events a real run records (same kinds, phases and tasks as WorkloadRun and the backends),
// so a test reads as the story it tells, not as a literal of twenty objects.
import type { Capabilities, PoolConfig } from '../../src/adapter/Adapter.ts';
import type { EventKind, HistoryEvent, Phase } from '../../src/history/History.ts';
import type { RunRecord, Tolerance } from '../../src/runner/RunRecord.ts';
import { exactTiming } from '../../src/runner/RunRecord.ts';
import type { Workload } from '../../src/workload/Workload.ts';

type Extra = Partial<Pick<HistoryEvent, 'conn' | 'note' | 'error' | 'conns'>>;

export class HistoryBuilder {
  readonly events: HistoryEvent[] = [];
  private now = 0;
  private nextOp = 1;
  /** Open operations by `${task}/${kind}`, so that ok/fail find their invoke. */
  private readonly pending = new Map<string, number>();

  /** Later events happen at `ms`. */
  at(ms: number): this {
    this.now = ms;
    return this;
  }

  invoke(task: string, kind: EventKind, extra: Extra = {}): this {
    const op = this.nextOp++;
    this.pending.set(`${task}/${kind}`, op);
    return this.push(op, task, kind, 'invoke', extra);
  }

  ok(task: string, kind: EventKind, extra: Extra = {}): this {
    return this.push(this.opOf(task, kind), task, kind, 'ok', extra);
  }

  fail(task: string, kind: EventKind, error: NonNullable<HistoryEvent['error']>, extra: Extra = {}): this {
    return this.push(this.opOf(task, kind), task, kind, 'fail', { ...extra, error });
  }

  info(task: string, kind: EventKind, extra: Extra = {}): this {
    return this.push(this.nextOp++, task, kind, 'info', extra);
  }

  // Borrowers.
  acquire(task: string, note?: string): this {
    return this.invoke(task, 'acquire', note === undefined ? {} : { note });
  }
  served(task: string, conn: string): this {
    return this.ok(task, 'acquire', { conn });
  }
  /** The acquire failed with an error of this class (`timeout`, `closed`, `other`, `connect`). */
  refused(task: string, cls: NonNullable<HistoryEvent['error']>['class'], message = `${cls} error`): this {
    return this.fail(task, 'acquire', { class: cls, message });
  }
  /** acquire and served at the same instant. */
  borrow(task: string, conn: string): this {
    return this.acquire(task).served(task, conn);
  }
  release(task: string, conn: string): this {
    return this.invoke(task, 'release', { conn }).ok(task, 'release', { conn });
  }
  destroy(task: string, conn: string): this {
    return this.invoke(task, 'destroy', { conn }).ok(task, 'destroy', { conn });
  }

  // The server.
  connectStart(conn: string): this {
    return this.invoke(`server:${conn}`, 'connect', { conn });
  }
  connected(conn: string): this {
    return this.ok(`server:${conn}`, 'connect', { conn });
  }
  connectFailed(conn: string, message = `connect ${conn} refused`): this {
    return this.fail(`server:${conn}`, 'connect', { class: 'connect', message }, { conn });
  }
  /** A connect that starts and completes at the same instant. */
  connect(conn: string): this {
    return this.connectStart(conn).connected(conn);
  }
  disconnect(conn: string): this {
    return this.info('server', 'disconnect', { conn });
  }
  kill(conn: string): this {
    return this.info('server', 'kill', { conn });
  }
  audit(conns: readonly string[]): this {
    return this.info('server', 'audit', { conns });
  }

  // The run.
  close(): this {
    return this.invoke('run', 'close');
  }
  closed(): this {
    return this.ok('run', 'close');
  }
  marker(kind: 'quiet' | 'probe' | 'end', note?: string): this {
    return this.info('run', kind, note === undefined ? {} : { note });
  }

  private opOf(task: string, kind: EventKind): number {
    const op = this.pending.get(`${task}/${kind}`);
    if (op === undefined) throw new Error(`no ${kind} of ${task} to settle`);
    return op;
  }

  private push(op: number, task: string, kind: EventKind, phase: Phase, extra: Extra): this {
    // Server connects are recorded under the task `server`; the builder keys them per conn.
    const shown = task.startsWith('server:') ? 'server' : task;
    this.events.push({ i: this.events.length, op, task: shown, kind, phase, at: this.now, ...extra });
    return this;
  }
}

export const history = (): HistoryBuilder => new HistoryBuilder();

export const config = (over: Partial<PoolConfig> = {}): PoolConfig => ({
  size: 2,
  maxOverflow: 0,
  acquireTimeoutMs: null,
  idleTimeoutMs: null,
  min: 0,
  ...over,
});

export const capabilities = (over: Partial<Capabilities> = {}): Capabilities => ({
  acquireTimeout: null,
  perAcquireTimeout: false,
  fifo: null,
  retention: null,
  min: false,
  query: false,
  validation: false,
  fork: null,
  connectRetryMs: 0,
  wakeUpSlackMs: 0,
  ...over,
});

export interface RunOptions {
  readonly config?: Partial<PoolConfig>;
  readonly capabilities?: Partial<Capabilities>;
  readonly tolerance?: Partial<Tolerance>;
  readonly defaultConnectMs?: number;
  /** How long a ping takes (a pool's async validation); absent: pings answer at once. */
  readonly pingMs?: number;
}

/** A run record around the history: capacity is size + maxOverflow (2 by default). */
export function run(h: HistoryBuilder | readonly HistoryEvent[], o: RunOptions = {}): RunRecord {
  const cfg = config(o.config);
  const workload: Workload = { config: cfg, defaultConnectMs: o.defaultConnectMs ?? 10, connects: [], kills: [], closeAt: null, tasks: [], promise: 'native', ...(o.pingMs === undefined ? {} : { pingMs: o.pingMs }) };
  return {
    workload,
    capabilities: capabilities(o.capabilities),
    capacity: cfg.size + cfg.maxOverflow,
    history: h instanceof HistoryBuilder ? h.events : h,
    errors: [],
    tolerance: { ...exactTiming, ...o.tolerance },
    scale: 1,
    drainLimitMs: 300_000,
  };
}
