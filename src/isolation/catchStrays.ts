// Errors the pool throws where nobody can catch them: from a nextTick, a microtask, a real timer,
// an 'error' event nobody listens to (an uncaught exception), or a promise nobody awaits (an
// unhandled rejection). Node ends the process on either; poolcheck must instead name the rule and
// the workload they broke, so while a workload runs (and while its live cleanup runs) these
// process events are caught here and attributed to that run.
//
// While any catch is open, the process's other listeners for the two events are set aside and put
// back afterwards: a test runner's own handlers (vitest reports every unhandled error as a failed
// test run) must not see an error that poolcheck already reports as the run's. Catches nest; an
// error goes to the innermost one. Model mode's virtual timers catch their own throws
// (VirtualClock.uncaught); what reaches here is everything else.
//
// Cost: model mode runs thousands of workloads a second, one catch each, back to back. So the
// listeners are put back one macrotask after the last catch ends, not at once, and the next
// workload, which starts within that macrotask, finds them in place. An error that arrives while
// no catch is open is no run's: the listeners are put back and it goes to them, as it would
// without poolcheck (in the worker thread that ends the thread, and the rule being judged is
// errored from outside; see judgeIsolated.ts).

type Origin = 'uncaughtException' | 'unhandledRejection';
type Listener = (...args: unknown[]) => void;

const EVENTS: readonly Origin[] = ['uncaughtException', 'unhandledRejection'];

/**
 * One run's catch: `stop()` ends it and resolves what it caught, as error messages. It ends a
 * macrotask later: Node reports a rejection as unhandled only once the microtasks queued with it
 * have run, which may be after the run's own promise has resolved.
 */
export interface StrayCatch {
  stop(): Promise<string[]>;
}

// Captured at load: model mode replaces the global timer functions while a workload runs.
const realSetImmediate = globalThis.setImmediate;

const open: string[][] = [];
let setAside: Map<Origin, Listener[]> | null = null;

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  try {
    return `${typeof error === 'string' ? error : JSON.stringify(error)} (not an Error)`;
  } catch {
    return `${String(error)} (not an Error)`;
  }
}

function caught(origin: Origin, error: unknown, promise?: unknown): void {
  const target = open.at(-1);
  if (target === undefined) return passOn(origin, error, promise);
  const how =
    origin === 'unhandledRejection'
      ? 'an unhandled rejection: a promise nobody awaits or handles'
      : "an uncaught exception: from a nextTick, a microtask, a timer or an 'error' event nobody listens to";
  target.push(`the pool threw asynchronously: ${describe(error)} (${how})`);
  // A throw from a nextTick leaves the rest of the tick and microtask queues to the next
  // macrotask; Node makes sure there is one with `require('timers').setImmediate(noop)`, which
  // model mode has made virtual, so that one would never fire and the run would stall. This one
  // is real.
  realSetImmediate(() => {});
}

const onException: Listener = (error) => caught('uncaughtException', error);
const onRejection: Listener = (reason, promise) => caught('unhandledRejection', reason, promise);

/**
 * Outside any catch: the listeners set aside get the error, as they would without poolcheck; with
 * none, Node's default, which ends the process (or the worker thread).
 */
function passOn(origin: Origin, error: unknown, promise: unknown): void {
  const listeners = setAside?.get(origin) ?? [];
  uninstall();
  if (listeners.length === 0) throw error;
  for (const listener of listeners) listener(error, origin === 'unhandledRejection' ? promise : origin);
}

function install(): void {
  if (setAside !== null) return;
  setAside = new Map();
  for (const event of EVENTS) {
    setAside.set(event, process.rawListeners(event) as Listener[]);
    process.removeAllListeners(event);
  }
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
}

function uninstall(): void {
  if (setAside === null) return;
  process.off('uncaughtException', onException);
  process.off('unhandledRejection', onRejection);
  for (const [event, listeners] of setAside ?? []) for (const listener of listeners) process.on(event, listener);
  setAside = null;
}

export function catchStrays(): StrayCatch {
  install();
  const mine: string[] = [];
  open.push(mine);
  let stopped = false;
  return {
    async stop() {
      if (stopped) return [...mine];
      stopped = true;
      await new Promise((resolve) => realSetImmediate(resolve));
      const at = open.lastIndexOf(mine);
      if (at >= 0) open.splice(at, 1);
      if (open.length === 0) realSetImmediate(() => open.length === 0 && uninstall());
      return [...mine];
    },
  };
}
