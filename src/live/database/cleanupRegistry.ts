// Everything provisioning starts (an embedded server and its directory, a container) is
// registered here until it is stopped, so that nothing outlives poolcheck: not a forgotten
// stop(), not Ctrl-C, not SIGTERM from CI. Process handlers are installed once, only while
// something is registered, and removed again afterwards.
//
// - SIGINT / SIGTERM / SIGHUP: stop everything gracefully (bounded), then die of the same signal
//   (unless someone else, e.g. the runner, also listens and so owns the exit). A second signal
//   during that cleanup forces it synchronously and exits at once.
// - beforeExit (the work is done but stop() was forgotten): stop gracefully; the exit code the
//   program set is kept.
// - exit (process.exit(), an uncaught error): only synchronous work is possible there, so each
//   resource's stopNow() kills and removes what it can.
import { constants } from 'node:os';
import { environmentError } from './environmentError.ts';

export interface Cleanup {
  /** For messages: `embedded PostgreSQL on 127.0.0.1:54321`. */
  readonly name: string;
  /** Graceful and complete: server stopped, files removed. */
  stop(): Promise<void>;
  /** Synchronous last resort, for `exit` and a second Ctrl-C. */
  stopNow(): void;
}

const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
/** How long a signal-driven graceful stop may take before it is forced. */
const gracefulMillis = 10_000;

class CleanupRegistry {
  readonly #live = new Map<Cleanup, Promise<void> | undefined>();
  #installed = false;
  #signalled: NodeJS.Signals | undefined;

  /** Registers `cleanup`; returns its idempotent stop, which also unregisters it. */
  track(cleanup: Cleanup): () => Promise<void> {
    this.#live.set(cleanup, undefined);
    this.#install();
    return () => this.#stopOne(cleanup);
  }

  get size(): number {
    return this.#live.size;
  }

  /** Stops everything still registered; reports what could not be stopped, after trying all. */
  async stopAll(): Promise<void> {
    const entries = [...this.#live.keys()];
    const results = await Promise.allSettled(entries.map((cleanup) => this.#stopOne(cleanup)));
    const failed = results.flatMap((result, i) => {
      if (result.status === 'fulfilled') return [];
      const reason: unknown = result.reason;
      return [`${entries[i]?.name}: ${reason instanceof Error ? reason.message : String(reason)}`];
    });
    if (failed.length > 0) throw environmentError(`could not stop everything poolcheck started: ${failed.join('; ')}`);
  }

  /** Synchronous: kills and removes whatever is still registered. */
  stopAllNow(): void {
    for (const cleanup of [...this.#live.keys()]) {
      try {
        cleanup.stopNow();
      } catch {
        // Last resort on the way out: nothing left to report to.
      }
      this.#live.delete(cleanup);
    }
    this.#uninstallIfIdle();
  }

  #stopOne(cleanup: Cleanup): Promise<void> {
    if (!this.#live.has(cleanup)) return Promise.resolve();
    let stopping = this.#live.get(cleanup);
    if (stopping === undefined) {
      stopping = cleanup.stop().finally(() => {
        this.#live.delete(cleanup);
        this.#uninstallIfIdle();
      });
      this.#live.set(cleanup, stopping);
    }
    return stopping;
  }

  readonly #onSignal = (signal: NodeJS.Signals): void => {
    if (this.#signalled !== undefined) {
      // Second signal: the user does not want to wait.
      this.stopAllNow();
      process.exit(128 + (constants.signals[signal] ?? 0));
    }
    this.#signalled = signal;
    const force = setTimeout(() => this.stopAllNow(), gracefulMillis);
    force.unref();
    void this.stopAll()
      .catch(() => this.stopAllNow())
      .finally(() => {
        clearTimeout(force);
        this.#signalled = undefined;
        this.#uninstall();
        // Die of the signal as if nobody had caught it, unless another listener owns the exit.
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      });
  };

  readonly #onBeforeExit = (): void => {
    if (this.#live.size > 0) void this.stopAll().catch(() => this.stopAllNow());
  };

  readonly #onExit = (): void => this.stopAllNow();

  /** Our own listeners, so that code stripping a library's process hooks can spare them. */
  isOwnListener(listener: unknown): boolean {
    return listener === this.#onSignal || listener === this.#onBeforeExit || listener === this.#onExit;
  }

  #install(): void {
    if (this.#installed) return;
    this.#installed = true;
    for (const signal of signals) process.on(signal, this.#onSignal);
    process.on('beforeExit', this.#onBeforeExit);
    process.on('exit', this.#onExit);
  }

  #uninstallIfIdle(): void {
    if (this.#live.size === 0 && this.#signalled === undefined) this.#uninstall();
  }

  #uninstall(): void {
    if (!this.#installed) return;
    this.#installed = false;
    for (const signal of signals) process.removeListener(signal, this.#onSignal);
    process.removeListener('beforeExit', this.#onBeforeExit);
    process.removeListener('exit', this.#onExit);
  }
}

/** The one registry of this process. */
export const cleanupRegistry = new CleanupRegistry();
