// A Promise whose `then` callbacks run on a later macrotask instead of a microtask, as bluebird's
// do. Pools that accept a Promise implementation (generic-pool's and pg-pool's `Promise` option)
// are run with it too: a timer that falls due between a promise's settling and its callbacks runs
// in between, which native microtask timing never allows.
//
// Scheduled as bluebird 3.7 schedules (js/release/async.js, schedule.js): callbacks go to one
// queue, and one setImmediate drains it, running the callbacks queued meanwhile, those queued by
// the drain itself included, before anything else. So a chain of `then`s settles within one
// macrotask: no timer can fire between two of its links. (Giving each callback a macrotask of its
// own would allow orderings bluebird never produces, and poolcheck would blame a pool for them.)
//
// Deferral goes through `setImmediate` as it is at call time: model mode's virtual clock while a
// workload runs there (deterministic, and a tie against whatever else is due at that instant,
// which the tie choices explore), the real one in live mode; each has its own queue, so a queue
// of a finished workload never drains into the next. Promises/A+ otherwise: resolution adopts
// thenables, callbacks run once each, in registration order. No `Promise.try` (pg-pool uses it
// when present).

type Executor<T> = (resolve: (value: T | PromiseLike<T>) => void, reject: (reason?: unknown) => void) => void;
type State = 'pending' | 'fulfilled' | 'rejected';

/** Callbacks waiting for their drain, by the setImmediate that will run it. */
const queues = new WeakMap<typeof setImmediate, Array<() => void>>();

/** Runs `fn` in the next drain of the current setImmediate's queue, scheduling one if none is due. */
function later(fn: () => void): void {
  const schedule = globalThis.setImmediate;
  const queue = queues.get(schedule);
  if (queue) {
    queue.push(fn);
    return;
  }
  const fresh = [fn];
  queues.set(schedule, fresh);
  schedule(() => {
    // Callbacks queued while draining join this drain, as bluebird's do.
    try {
      for (let i = 0; i < fresh.length; i++) fresh[i]!();
    } finally {
      queues.delete(schedule);
    }
  });
}

const thenOf = (value: unknown): ((this: unknown, ...args: unknown[]) => unknown) | null => {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return null;
  const then = (value as { then?: unknown }).then; // may throw: callers catch
  return typeof then === 'function' ? (then as (this: unknown, ...args: unknown[]) => unknown) : null;
};

export class DeferringPromise<T> implements PromiseLike<T> {
  private state: State = 'pending';
  private result: unknown;
  private readonly reactions: Array<() => void> = [];

  constructor(executor: Executor<T>) {
    let done = false;
    const once =
      <A>(fn: (arg: A) => void) =>
      (arg: A) => {
        if (done) return;
        done = true;
        fn(arg);
      };
    const resolve = once((value: T | PromiseLike<T>) => this.adopt(value));
    const reject = once((reason: unknown) => this.settle('rejected', reason));
    try {
      executor(resolve, reject);
    } catch (error) {
      reject(error);
    }
  }

  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): DeferringPromise<R1 | R2> {
    return new DeferringPromise<R1 | R2>((resolve, reject) => {
      const react = () => {
        const handler = this.state === 'fulfilled' ? onFulfilled : onRejected;
        if (typeof handler !== 'function') {
          if (this.state === 'fulfilled') resolve(this.result as R1);
          else reject(this.result);
          return;
        }
        try {
          resolve(handler(this.result as T));
        } catch (error) {
          reject(error);
        }
      };
      if (this.state === 'pending') this.reactions.push(react);
      else later(react);
    });
  }

  catch<R = never>(onRejected?: ((reason: unknown) => R | PromiseLike<R>) | null): DeferringPromise<T | R> {
    return this.then(undefined, onRejected);
  }

  finally(onFinally?: (() => void) | null): DeferringPromise<T> {
    const run = () => DeferringPromise.resolve(typeof onFinally === 'function' ? onFinally() : undefined);
    return this.then(
      (value) => run().then(() => value),
      (reason) =>
        run().then(() => {
          throw reason;
        }),
    );
  }

  get [Symbol.toStringTag](): string {
    return 'Promise';
  }

  static resolve<T>(value: T | PromiseLike<T>): DeferringPromise<Awaited<T>>;
  static resolve(): DeferringPromise<void>;
  static resolve<T>(value?: T | PromiseLike<T>): DeferringPromise<T | undefined> {
    if (value instanceof DeferringPromise) return value as DeferringPromise<T>;
    return new DeferringPromise<T | undefined>((resolve) => resolve(value));
  }

  static reject<T = never>(reason?: unknown): DeferringPromise<T> {
    return new DeferringPromise<T>((_, reject) => reject(reason));
  }

  static all<T>(values: Iterable<T | PromiseLike<T>>): DeferringPromise<Awaited<T>[]> {
    return DeferringPromise.gather(values, (outcomes, resolve, reject, index) => [
      (value) => {
        outcomes.results[index] = value;
        if (--outcomes.left === 0) resolve(outcomes.results as Awaited<T>[]);
      },
      reject,
    ]);
  }

  static allSettled<T>(values: Iterable<T | PromiseLike<T>>): DeferringPromise<PromiseSettledResult<Awaited<T>>[]> {
    return DeferringPromise.gather(values, (outcomes, resolve, _reject, index) => {
      const store = (result: PromiseSettledResult<Awaited<T>>) => {
        outcomes.results[index] = result;
        if (--outcomes.left === 0) resolve(outcomes.results as PromiseSettledResult<Awaited<T>>[]);
      };
      return [(value) => store({ status: 'fulfilled', value: value as Awaited<T> }), (reason) => store({ status: 'rejected', reason })];
    });
  }

  static race<T>(values: Iterable<T | PromiseLike<T>>): DeferringPromise<Awaited<T>> {
    return new DeferringPromise<Awaited<T>>((resolve, reject) => {
      for (const value of values) DeferringPromise.resolve(value).then(resolve, reject);
    });
  }

  static any<T>(values: Iterable<T | PromiseLike<T>>): DeferringPromise<Awaited<T>> {
    return DeferringPromise.gather(values, (outcomes, resolve, reject, index) => [
      (value) => resolve(value as Awaited<T>),
      (reason) => {
        outcomes.results[index] = reason;
        if (--outcomes.left === 0) reject(new AggregateError(outcomes.results, 'All promises were rejected'));
      },
    ], (reject) => reject(new AggregateError([], 'All promises were rejected')));
  }

  /** Settles from `values` as `handlers` say; an empty input resolves to [] unless `whenEmpty`. */
  private static gather<T, R>(
    values: Iterable<T | PromiseLike<T>>,
    handlers: (
      outcomes: { results: unknown[]; left: number },
      resolve: (value: R) => void,
      reject: (reason: unknown) => void,
      index: number,
    ) => [(value: unknown) => void, (reason: unknown) => void],
    whenEmpty?: (reject: (reason: unknown) => void) => void,
  ): DeferringPromise<R> {
    return new DeferringPromise<R>((resolve, reject) => {
      const items = [...values];
      const outcomes = { results: new Array<unknown>(items.length), left: items.length };
      if (items.length === 0) {
        if (whenEmpty) whenEmpty(reject);
        else resolve([] as R);
        return;
      }
      items.forEach((item, index) => {
        const [onValue, onReason] = handlers(outcomes, resolve, reject, index);
        DeferringPromise.resolve(item).then(onValue, onReason);
      });
    });
  }

  /** Resolution: adopt a thenable's outcome, else fulfil with the value. */
  private adopt(value: unknown): void {
    if (value === this) return this.settle('rejected', new TypeError('a promise cannot be resolved with itself'));
    let then: ((this: unknown, ...args: unknown[]) => unknown) | null;
    try {
      then = thenOf(value);
    } catch (error) {
      return this.settle('rejected', error);
    }
    if (then === null) return this.settle('fulfilled', value);
    let called = false;
    try {
      then.call(
        value,
        (inner: unknown) => {
          if (called) return;
          called = true;
          this.adopt(inner);
        },
        (reason: unknown) => {
          if (called) return;
          called = true;
          this.settle('rejected', reason);
        },
      );
    } catch (error) {
      if (!called) {
        called = true;
        this.settle('rejected', error);
      }
    }
  }

  private settle(state: Exclude<State, 'pending'>, result: unknown): void {
    if (this.state !== 'pending') return;
    this.state = state;
    this.result = result;
    for (const react of this.reactions.splice(0)) later(react);
  }
}
