// Virtual time for model mode. While installed, the global timer functions, Date.now,
// performance.now and `new Date()` / `Date()` with no arguments read and schedule on this clock; the clock advances only when every promise
// callback and nextTick queued so far has run, so a run is a pure function of its workload and
// its tie choices.
//
// Ties: when several timers are due at the same virtual instant, `pickTie(n)` chooses which of
// the n (in scheduling order) fires first. Node itself would fire them in scheduling order
// (pickTie always 0); other orders are equally legal outcomes of a real event loop under load
// (a release landing exactly on a waiter's deadline), and many pool bugs live only there.

import { createRequire } from 'node:module';

// Some pools call require('timers').setTimeout; that module object is patched too.
const timersModule = createRequire(import.meta.url)('node:timers') as Record<string, unknown>;
const TIMER_NAMES = ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate'] as const;

const real = {
  Date: globalThis.Date,
  setImmediate: globalThis.setImmediate,
  dateNow: Date.now,
  performanceNow: performance.now.bind(performance),
  globals: {
    setTimeout: globalThis.setTimeout,
    clearTimeout: globalThis.clearTimeout,
    setInterval: globalThis.setInterval,
    clearInterval: globalThis.clearInterval,
    setImmediate: globalThis.setImmediate,
    clearImmediate: globalThis.clearImmediate,
  },
};

interface Timer {
  readonly id: number;
  at: number;
  readonly seq: number;
  /**
   * Node keeps one list per delay and fires a list in insertion order; immediates have a queue
   * of their own (lane -1). Only the first due timer of each lane may win a tie.
   */
  readonly lane: number;
  readonly fn: (...args: unknown[]) => void;
  readonly args: unknown[];
  readonly repeatMs: number | null;
}

/** What the pool sees instead of a Node Timeout: the methods pools call on it. */
class VirtualHandle {
  constructor(
    readonly id: number,
    private readonly clock: VirtualClock,
  ) {}
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
  hasRef(): boolean {
    return true;
  }
  refresh(): this {
    this.clock.refresh(this.id);
    return this;
  }
  close(): this {
    this.clock.clear(this);
    return this;
  }
  [Symbol.toPrimitive](): number {
    return this.id;
  }
}

export class RunawayError extends Error {
  override name = 'RunawayError';
}

export type TiePicker = (candidates: number) => number;

export class VirtualClock {
  now = 0;
  /** How many times a tie was resolved, for reports. */
  ties = 0;
  /** Exceptions thrown by timer callbacks (the pool's own code). */
  readonly uncaught: unknown[] = [];
  private readonly timers = new Map<number, Timer>();
  private nextId = 1;
  private nextSeq = 0;
  private fired = 0;

  constructor(
    private readonly pickTie: TiePicker = () => 0,
    private readonly maxTimers = 100_000,
  ) {}

  schedule(fn: (...args: unknown[]) => void, delayMs: number, args: unknown[], repeat: boolean): VirtualHandle {
    // Node turns delays below 1 ms (and non-numbers) into 1 ms.
    const ms = typeof delayMs === 'number' && delayMs >= 1 && Number.isFinite(delayMs) ? Math.floor(delayMs) : 1;
    const id = this.nextId++;
    this.timers.set(id, { id, at: this.now + ms, seq: this.nextSeq++, lane: ms, fn, args, repeatMs: repeat ? ms : null });
    return new VirtualHandle(id, this);
  }

  /**
   * An event from outside the pool (a caller, the server) at an exact virtual time. Each gets a
   * lane of its own: independent callers may arrive in any order at the same instant.
   */
  at(time: number, fn: () => void): void {
    const id = this.nextId++;
    this.timers.set(id, { id, at: Math.max(time, this.now), seq: this.nextSeq++, lane: -1 - id, fn, args: [], repeatMs: null });
  }

  /** setImmediate: due now, after whatever else is due now and was scheduled earlier. */
  immediate(fn: (...args: unknown[]) => void, args: unknown[]): VirtualHandle {
    const id = this.nextId++;
    this.timers.set(id, { id, at: this.now, seq: this.nextSeq++, lane: -1, fn, args, repeatMs: null });
    return new VirtualHandle(id, this);
  }

  clear(handle: unknown): void {
    if (handle instanceof VirtualHandle) this.timers.delete(handle.id);
    else if (typeof handle === 'number') this.timers.delete(handle);
  }

  refresh(id: number): void {
    const t = this.timers.get(id);
    if (t && t.lane >= 0) this.timers.set(id, { ...t, at: this.now + t.lane, seq: this.nextSeq++ });
  }

  /** Replaces the global clock functions; the returned function puts the real ones back. */
  install(): () => void {
    const g = globalThis as Record<string, unknown>;
    g.setTimeout = (fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => this.schedule(fn, ms ?? 0, args, false);
    g.setInterval = (fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => this.schedule(fn, ms ?? 0, args, true);
    g.setImmediate = (fn: (...a: unknown[]) => void, ...args: unknown[]) => this.immediate(fn, args);
    g.clearTimeout = g.clearInterval = g.clearImmediate = (h: unknown) => this.clear(h);
    Date.now = () => this.now;
    performance.now = () => this.now;
    g.Date = virtualDate(() => this.now);
    for (const name of TIMER_NAMES) timersModule[name] = g[name];
    return () => {
      Object.assign(g, real.globals);
      Object.assign(timersModule, real.globals);
      g.Date = real.Date;
      Date.now = real.dateNow;
      performance.now = real.performanceNow;
    };
  }

  /** Lets every queued promise callback and nextTick run. */
  settle(): Promise<void> {
    return new Promise((resolve) => real.setImmediate(resolve));
  }

  /** When the next timer is due, or null when none is pending. */
  nextAt(): number | null {
    let at: number | null = null;
    for (const t of this.timers.values()) if (at === null || t.at < at) at = t.at;
    return at;
  }

  pending(): number {
    return this.timers.size;
  }

  /**
   * Settles, then fires timers in time order until `done()` holds, no timer is due at or
   * before `until`, or none is left. Returns why it stopped.
   *
   * Each timer fires from a macrotask of its own (a real setImmediate), as Node fires timers:
   * after the callback, its nextTicks run before its promise callbacks, and everything they
   * queue runs before the next timer.
   */
  async run(until: number, done: () => boolean = () => false): Promise<'done' | 'until' | 'idle'> {
    for (;;) {
      const outcome = await new Promise<'done' | 'until' | 'idle' | null>((resolve, reject) =>
        real.setImmediate(() => {
          if (done()) return resolve('done');
          const at = this.nextAt();
          if (at === null) return resolve('idle');
          if (at > until) {
            this.now = Math.max(this.now, until);
            return resolve('until');
          }
          try {
            this.fire(at);
            resolve(null);
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        }),
      );
      if (outcome !== null) return outcome;
    }
  }

  private fire(at: number): void {
    const sorted = [...this.timers.values()].filter((t) => t.at === at).sort((a, b) => a.seq - b.seq);
    // Orders Node can produce: any lane may go first, but a lane keeps its own order.
    const due = sorted.filter((t, i) => sorted.findIndex((u) => u.lane === t.lane) === i);
    let index = 0;
    if (due.length > 1) {
      this.ties++;
      index = Math.min(this.pickTie(due.length), due.length - 1);
    }
    const timer = due[index]!;
    if (++this.fired > this.maxTimers) {
      throw new RunawayError(`more than ${this.maxTimers} timers fired in one workload: the pool keeps rescheduling`);
    }
    this.now = at;
    if (timer.repeatMs === null) this.timers.delete(timer.id);
    else this.timers.set(timer.id, { ...timer, at: at + timer.repeatMs, seq: this.nextSeq++ });
    try {
      timer.fn(...timer.args);
    } catch (error) {
      // In Node this would be an uncaughtException; the runner reports it as an error of the run.
      this.uncaught.push(error);
    }
  }
}

/**
 * `Date` reading virtual time when asked for "now": `new Date()` and `Date()` with no arguments
 * (pools that time idle connections with `new Date().getTime()` would otherwise never see time
 * pass). Everything else is the real Date: `new Date(x)`, statics (Date.UTC, Date.parse, and
 * Date.now, patched on the real Date itself), `instanceof Date` (the proxy's `prototype` is the
 * real one) and subclasses, whose `new.target` reaches the real constructor unchanged.
 */
function virtualDate(now: () => number): DateConstructor {
  return new Proxy(real.Date, {
    construct: (target, args: unknown[], newTarget: new (...a: unknown[]) => object) =>
      Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget) as object,
    apply: () => new real.Date(now()).toString(),
  });
}

/** Real (never virtual) time, for the runner's own measurements. */
export const realNow = (): number => real.performanceNow();
