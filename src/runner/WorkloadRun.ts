// One workload against a fresh pool, on any substrate (model or live), recorded as a history.
// A run has four phases:
//   work   the workload's tasks, kills and close, until every task is done (or a horizon);
//   quiet  the backend recovers; wait for connects under way and the declared retention delay;
//   probe  borrow the full capacity at once (LEAK-1, TIME-3, ERR-1, ERR-2, QUERY-1 judge it);
//   close  close the pool, let borrowers return what they hold, and read what is still open.
// Every adapter call is tracked until it settles, so that a run the watchdog stops (see
// watchdog.ts) can name the step that hung.
import { PoolcheckError } from '../errors.ts';
import type { Adapter, Capabilities } from '../adapter/Adapter.ts';
import { capabilitiesInWorkloadTime, configInRealTime } from './scaleTimes.ts';
import { NOTHING_LEFT, type History, type HistoryEvent } from '../history/History.ts';
import { capacityOf, type BorrowTask, type QueryTask, type Workload } from '../workload/Workload.ts';
import { describeError } from './describeError.ts';
import { ownTimeoutOf } from '../checkers/ownTimeoutOf.ts';
import { RunawayError } from '../model/VirtualClock.ts';
import { DeferringPromise } from '../model/DeferringPromise.ts';
import type { RunRecord } from './RunRecord.ts';
import type { RunBackend, RunClock, Substrate } from './Substrate.ts';
import { formatLimit, hungBefore, markHung, settlesWithin } from './watchdog.ts';
import { beacon } from '../isolation/beacon.ts';

/** Acquires each probe borrower may make before it gives up. */
const PROBE_ATTEMPTS = 20;
/** How often, and how long apart (workload ms), an audit asks the server again to catch up. */
const AUDIT_TRIES = 50;
const AUDIT_PAUSE_MS = 5;
const SQL = { ok: 'select 1', error: 'error', throw: 'throw', 'bad-args': undefined } as const;

/**
 * Calls `fn` and turns a synchronous throw into a rejection. The beacon hears which adapter call
 * is on the stack: a pool that never returns from it is named from outside (src/isolation/).
 */
function attempt(what: string, fn: () => unknown): Promise<unknown> {
  beacon.enter(what);
  try {
    return new Promise((resolve) => resolve(fn()));
  } finally {
    beacon.leave();
  }
}
/** Unsettled calls a hang message names; the rest are counted. */
const NAMED_CALLS = 3;

export class WorkloadRun {
  private readonly history: History;
  private readonly backend: RunBackend;
  private readonly clock: RunClock;
  private readonly capacity: number;
  /** The adapter's declared delays in workload ms. */
  private readonly capabilities: Capabilities;
  private readonly errors: string[] = [];
  private pool: unknown;
  private closed = false;
  private closeSettled = false;
  /** Tasks (workload and probe) that have not finished. */
  private readonly busy = new Set<string>();
  /** Acquires not yet settled, by op, each with when its own timeout fires (workload ms; null: never). */
  private readonly pendingAcquires = new Map<number, number | null>();
  private scheduled = 0;
  /** Adapter calls that have not settled, oldest first: `acquire() of t3`, `close()`. */
  private readonly unsettled = new Map<number, string>();
  private nextCall = 0;
  /** What the runner itself waits on, for a hang with no adapter call pending. */
  private step = 'starting';
  /** Set when the watchdog stopped the run: every wait ends at once and no phase starts. */
  private abandoned = false;
  /** Workload ms: the work phase's horizon, after its last scheduled event. */
  private readonly workHorizonMs: number;

  constructor(
    private readonly adapter: Adapter,
    private readonly workload: Workload,
    private readonly substrate: Substrate,
  ) {
    this.history = substrate.history;
    this.backend = substrate.backend;
    this.clock = substrate.clock;
    this.capacity = capacityOf(workload.config);
    this.capabilities = capabilitiesInWorkloadTime(adapter.capabilities, substrate.scale);
    const w = workload;
    const last = Math.max(0, w.closeAt ?? 0, ...w.kills.map((x) => x.at), ...w.tasks.map((t) => t.start));
    // Waiters get as long as their own timeouts (the call's, the configured one, or the pool's
    // default) when those fit in the drain's bound: a pool that retries a failed connect until its
    // timeout (mariadb) is seen serving or timing them out. A longer timeout is not waited for:
    // such a waiter keeps the pool from getting quiet, and the rules judged after the work phase
    // are not judged on that run (checkers/quietSkipped.ts).
    const timeouts = w.tasks.map((_, i) => ownTimeoutOf({ workload: w, capabilities: this.capabilities }, `t${i + 1}`)?.ms ?? 0);
    // Scripted connects may run one after another (a waiter whose connect stalls gets the next
    // one): the horizon covers all of them end to end, and at least two stalls.
    const scripted = w.connects.reduce((sum, step) => sum + (step.outcome === 'stall' ? substrate.stallMs : step.ms), 0);
    const connects = Math.max(substrate.stallMs * 2, scripted + w.defaultConnectMs);
    this.workHorizonMs = last + 100 + Math.max(0, ...timeouts.filter((t) => t <= substrate.drainLimitMs)) + connects;
  }

  /**
   * Workload ms: the sum of every phase's horizon, the longest a run can last on its clock
   * (the watchdog's limit follows it). Three audits may each ask the server again and again.
   */
  get horizonMs(): number {
    const quiet = this.substrate.stallMs + 10 + this.retentionMs;
    const probe = this.probeWindowMs + 100;
    const audits = 3 * AUDIT_TRIES * AUDIT_PAUSE_MS;
    return this.workHorizonMs + quiet + probe + this.substrate.drainLimitMs + audits;
  }

  /**
   * The run, stopped by the watchdog when it takes longer than `limitMs` real ms: its record
   * then carries an error naming what had not settled.
   */
  async runWithin(limitMs: number): Promise<RunRecord> {
    const before = hungBefore(this.adapter);
    if (before !== null) {
      this.errors.push(before);
      return this.record();
    }
    const running = this.run();
    if (await settlesWithin(running, limitMs)) return running;
    this.abandoned = true;
    this.errors.push(this.hang(`after ${formatLimit(limitMs)}`));
    // The abandoned run may still write to the history: the record keeps what was there.
    return { ...this.record(), history: [...this.history.events], errors: [...this.errors] };
  }

  async run(): Promise<RunRecord> {
    try {
      this.step = 'in create()';
      beacon.enter('create()');
      // DeferringPromise has what pools call of a Promise constructor, not every newer static.
      const runtime = { Promise: this.workload.promise === 'deferring' ? (DeferringPromise as unknown as PromiseConstructor) : Promise };
      this.pool = this.adapter.create(configInRealTime(this.workload.config, this.substrate.scale), this.backend, runtime);
    } catch (error) {
      this.errors.push(`create() threw ${describeError(this.adapter, error).message}`);
      return this.record();
    } finally {
      beacon.leave();
    }
    try {
      await this.phases();
    } catch (error) {
      // The pool kept scheduling timers without getting anywhere: model mode's form of a hang.
      if (!(error instanceof RunawayError)) throw error;
      this.abandoned = true;
      this.errors.push(this.hang(`by ${this.clock.now} ms of virtual time (${error.message})`));
      return this.record();
    }
    for (const error of this.clock.uncaught) {
      this.errors.push(`the pool threw from a timer callback: ${describeError(this.adapter, error).message}`);
    }
    return this.record();
  }

  private async phases(): Promise<void> {
    await this.work();
    if (this.abandoned) return;
    if (!this.closed && this.busy.size === 0) {
      await this.quiet();
      if (this.abandoned) return;
      await this.probe();
      if (this.abandoned) return;
    } else if (!this.closed) {
      this.history.info('run', 'quiet', { note: `skipped: ${this.busy.size} task(s) still waiting` });
    }
    await this.closeAndDrain();
  }

  /**
   * Describes a hang, naming the adapter calls that had not settled (oldest first) or, with none
   * pending, what the runner itself was waiting on; `when` ends the sentence. Later workloads of
   * this adapter are not run (see watchdog.ts).
   */
  hang(when: string): string {
    const calls = [...this.unsettled.values()];
    const named = calls.slice(0, NAMED_CALLS).join(', ') + (calls.length > NAMED_CALLS ? ` and ${calls.length - NAMED_CALLS} more call(s)` : '');
    const message =
      calls.length > 0
        ? `the adapter hung: ${named} had not settled ${when}`
        : `the run hung ${this.step}, with no adapter call pending, ${when}`;
    markHung(this.adapter, message);
    return message;
  }

  /** Makes an adapter call and tracks it until it settles; `what` names it in a hang message. */
  private track(what: string, fn: () => unknown): Promise<unknown> {
    const call = attempt(what, fn);
    const id = this.nextCall++;
    this.unsettled.set(id, what);
    const settled = () => this.unsettled.delete(id);
    call.then(settled, (error) => {
      settled();
      // poolcheck's own error, not the pool's (a process adapter's broken channel, a lease naming a
      // session the run never opened): nothing the run saw can be judged.
      if (error instanceof PoolcheckError && !this.errors.includes(error.message)) this.errors.push(error.message);
    });
    return call;
  }

  /** The clock's wait, ended at once once the watchdog stopped the run. */
  private wait(until: number, done: () => boolean = () => false): Promise<unknown> {
    return this.clock.run(until, () => this.abandoned || done());
  }

  /** Workload ms the declared retention takes to give overflow back once the pool is quiet. */
  private get retentionMs(): number {
    const retention = this.capabilities.retention;
    return retention?.mode === 'idle-timeout' ? (this.workload.config.idleTimeoutMs ?? 0) + retention.slackMs : 0;
  }

  private get probeWindowMs(): number {
    // A pool that pings before handing out may ping a connection the server killed, then open a
    // new one and ping that: two validation latencies on top of the connect.
    return Math.max(1, this.workload.defaultConnectMs) + 2 * (this.workload.pingMs ?? 0) + this.capabilities.connectRetryMs + this.substrate.probeSlackMs;
  }

  private record(): RunRecord {
    return {
      workload: this.workload,
      capabilities: this.capabilities,
      capacity: this.capacity,
      history: this.history.events,
      errors: this.errors,
      tolerance: this.substrate.tolerance,
      scale: this.substrate.scale,
      drainLimitMs: this.substrate.drainLimitMs,
    };
  }

  private at(time: number, fn: () => void): void {
    this.scheduled++;
    this.clock.at(time, () => {
      this.scheduled--;
      fn();
    });
  }

  private async work(): Promise<void> {
    const w = this.workload;
    // Tasks called in one synchronous turn share one scheduled event.
    const turns: Array<Array<() => void>> = [];
    w.tasks.forEach((task, index) => {
      const name = `t${index + 1}`;
      this.busy.add(name);
      const start = () => (task.kind === 'borrow' ? this.borrow(name, task) : this.query(name, task));
      const previous = w.tasks[index - 1];
      if (task.together && previous?.start === task.start) turns.at(-1)!.push(start);
      else {
        const turn = [start];
        turns.push(turn);
        this.at(task.start, () => turn.forEach((call) => call()));
      }
    });
    for (const kill of w.kills) this.at(kill.at, () => this.backend.kill(kill.nth));
    if (w.closeAt !== null) this.at(w.closeAt, () => this.close());
    this.step = 'in the work phase';
    await this.wait(this.workHorizonMs, () => this.scheduled === 0 && this.busy.size === 0);
  }

  private async quiet(): Promise<void> {
    this.step = 'in the quiet phase';
    this.backend.recover();
    // Connects that hang are not waited for (they never finish); a ping a pool started for a
    // waiter that left is, so that the probe does not queue behind it.
    await this.wait(this.clock.now + this.substrate.stallMs + 10, () => this.backend.connectsInFlight() === 0 && this.backend.pingsInFlight() === 0);
    const delay = this.retentionMs;
    await this.wait(this.clock.now + delay);
    if (this.abandoned) return;
    this.history.info('run', 'quiet', { note: `${this.backend.openCount()} open after ${delay} ms` });
    await this.audit();
  }

  private async probe(): Promise<void> {
    const served = new Set<string>();
    let probing = true;
    const holding: Array<() => void> = [];
    const borrow = (name: string, attempt: number): void =>
      this.acquire(
        name,
        {},
        (lease) => {
          served.add(name);
          // Hold until the probe is over, then give it back.
          const giveBack = () => void this.finish(name, lease, 'release');
          if (probing) holding.push(giveBack);
          else giveBack();
        },
        () => {
          // Giving up is the pool's right (a timeout shorter than a connect, an error it does not
          // name as a timeout): try again while the probe lasts, a bounded number of times.
          if (probing && attempt < PROBE_ATTEMPTS) borrow(name, attempt + 1);
          else this.busy.delete(name);
        },
      );
    this.step = 'in the probe phase';
    for (let i = 1; i <= this.capacity; i++) {
      this.busy.add(`p${i}`);
      borrow(`p${i}`, 1);
    }
    await this.wait(this.clock.now + this.probeWindowMs, () => served.size === this.capacity);
    if (this.abandoned) return;
    this.history.info('run', 'probe', { note: `served ${served.size} of ${this.capacity}` });
    await this.audit();
    probing = false;
    for (const giveBack of holding) giveBack();
    await this.wait(this.clock.now + 100, () => [...served].every((n) => !this.busy.has(n)));
  }

  private async closeAndDrain(): Promise<void> {
    this.step = 'in the close phase';
    if (!this.closed) this.close();
    // CLOSE-1 asks that the sessions are closed *once* everything is returned, not by the time
    // close() resolves: a pool may end its clients without awaiting their sockets (pg-pool's
    // end() does), so the drain also waits, up to its limit, for the last session to close.
    const allSettled = () => this.closeSettled && this.pendingAcquires.size === 0 && this.busy.size === 0 && this.backend.openCount() === 0;
    const drained = await this.wait(this.drainUntil(), allSettled);
    if (this.abandoned) return;
    const notes = [
      `${this.backend.openCount()} open${this.backend.openCount() ? `: ${this.backend.openIds().join(', ')}` : ''}`,
      this.closeSettled ? 'close settled' : 'close never settled',
      `${this.pendingAcquires.size} acquire(s) unsettled`,
      // On virtual time, idle means no timer is left: what is pending now stays pending for ever.
      ...(drained === 'idle' ? [NOTHING_LEFT] : []),
    ];
    this.history.info('run', 'end', { note: notes.join('; ') });
    await this.audit();
  }

  /**
   * When the drain after close ends at the latest: `drainMs` after the last moment a pending
   * acquire's own timeout (its call's, the configured one, or the pool's default) could fire, so
   * that a pool whose timer settles what close left pending is seen doing it, within
   * `drainLimitMs` after close. A timeout beyond that limit is not waited for at all: the run
   * cannot see it fire either way, and the acquire is not judged (src/checkers/unobserved.ts).
   */
  private drainUntil(): number {
    const now = this.clock.now;
    const { drainMs, drainLimitMs, tolerance } = this.substrate;
    const ends = [...this.pendingAcquires.values()].filter((d): d is number => d !== null).map((d) => Math.max(now, d) + tolerance.timeoutMs + drainMs);
    return Math.max(now + drainMs, ...ends.filter((end) => end <= now + drainLimitMs));
  }

  /**
   * Live mode: the server's own list of this run's sessions, read once it has caught up with the
   * closes the client side already made (a closed session lingers for a few milliseconds).
   */
  private async audit(): Promise<void> {
    if (!this.backend.serverSessions || this.abandoned) return;
    const phase = this.step;
    this.step = `${phase}, reading the server's list of the run's sessions`;
    const caughtUp = (seen: readonly string[]) => [...seen].sort().join() === [...this.backend.openIds()].sort().join();
    let seen = await this.backend.serverSessions();
    for (let i = 0; i < AUDIT_TRIES && !caughtUp(seen) && !this.abandoned; i++) {
      await this.wait(this.clock.now + AUDIT_PAUSE_MS);
      seen = await this.backend.serverSessions();
    }
    this.step = phase;
    this.history.info('server', 'audit', { conns: seen, note: `the server lists ${seen.length} session(s) of this run` });
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    const op = this.history.invoke('run', 'close');
    this.track('close()', () => this.adapter.close(this.pool)).then(
      () => {
        this.closeSettled = true;
        this.history.ok(op, 'run', 'close');
      },
      (error) => {
        this.closeSettled = true;
        this.history.fail(op, 'run', 'close', describeError(this.adapter, error));
      },
    );
  }

  private acquire(
    task: string,
    options: { timeoutMs?: number },
    onLease: (lease: unknown) => void,
    onFail: (error: NonNullable<HistoryEvent['error']>) => void = () => this.busy.delete(task),
  ): void {
    const note = options.timeoutMs === undefined ? undefined : `timeout ${options.timeoutMs} ms`;
    const op = this.history.invoke(task, 'acquire', note === undefined ? {} : { note });
    const own = ownTimeoutOf({ workload: this.workload, capabilities: this.capabilities }, task);
    this.pendingAcquires.set(op, own === null ? null : this.clock.now + own.ms);
    const real = options.timeoutMs === undefined ? options : { timeoutMs: options.timeoutMs * this.substrate.scale };
    this.track(`acquire() of ${task}`, () => this.adapter.acquire(this.pool, real)).then(
      (lease) => {
        this.pendingAcquires.delete(op);
        let conn: string;
        try {
          conn = this.adapter.connection(lease).id;
        } catch (error) {
          this.errors.push(`connection(lease) threw ${describeError(this.adapter, error).message}`);
          conn = '?';
        }
        this.history.ok(op, task, 'acquire', { conn });
        onLease(lease);
      },
      (error) => {
        this.pendingAcquires.delete(op);
        const described = describeError(this.adapter, error);
        this.history.fail(op, task, 'acquire', described);
        onFail(described);
      },
    );
  }

  private borrow(task: string, t: BorrowTask): void {
    this.acquire(task, t.timeoutMs === null ? {} : { timeoutMs: t.timeoutMs }, (lease) => {
      if (t.use) this.use(task, lease);
      this.clock.at(this.clock.now + t.holdMs, () => void this.finish(task, lease, t.end));
    });
  }

  private use(task: string, lease: unknown): void {
    const conn = this.connOf(lease);
    const op = this.history.invoke(task, 'use', { conn });
    this.track(`a query on ${task}'s connection ${conn}`, () => this.adapter.connection(lease).query('select 1')).then(
      () => this.history.ok(op, task, 'use', { conn }),
      (error) => this.history.fail(op, task, 'use', describeError(this.adapter, error), { conn }),
    );
  }

  private connOf(lease: unknown): string {
    try {
      return this.adapter.connection(lease).id;
    } catch {
      return '?';
    }
  }

  private async finish(task: string, lease: unknown, end: BorrowTask['end']): Promise<void> {
    const conn = this.connOf(lease);
    const kind = end === 'destroy' ? 'destroy' : 'release';
    const calls = end === 'double-release' ? 2 : 1;
    const results: Promise<void>[] = [];
    for (let i = 0; i < calls; i++) {
      const op = this.history.invoke(task, kind, { conn, ...(i > 0 ? { note: 'again' } : {}) });
      const call = kind === 'destroy' ? () => this.adapter.destroy(this.pool, lease) : () => this.adapter.release(this.pool, lease);
      results.push(
        this.track(`${kind}() of ${task}`, call).then(
          () => this.history.ok(op, task, kind, { conn }),
          (error) => this.history.fail(op, task, kind, describeError(this.adapter, error), { conn }),
        ),
      );
    }
    await Promise.all(results);
    this.busy.delete(task);
  }

  private query(task: string, t: QueryTask): void {
    const op = this.history.invoke(task, 'query', { note: t.sql });
    const adapter = this.adapter;
    if (!adapter.query) {
      this.errors.push(`a query task ran but the adapter has no query()`);
      this.busy.delete(task);
      return;
    }
    this.track(`query() of ${task}`, () => adapter.query!(this.pool, SQL[t.sql])).then(
      () => this.history.ok(op, task, 'query'),
      (error) => this.history.fail(op, task, 'query', describeError(this.adapter, error)),
    ).finally(() => this.busy.delete(task));
  }
}
