// Real time for live mode, in workload units: one workload millisecond lasts `scale` real
// milliseconds, so a workload written for model mode keeps its shape against a real database.
// The real timer functions are captured at load: model mode swaps the globals during its runs.
import type { RunClock } from '../runner/Substrate.ts';

const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;
const realNow = performance.now.bind(performance);

/** How often `run` looks at its `done` condition, in real ms. */
const POLL_MS = 2;

export class RealClock implements RunClock {
  readonly uncaught: unknown[] = [];
  private readonly started = realNow();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(readonly scale: number) {}

  get now(): number {
    return (realNow() - this.started) / this.scale;
  }

  at(time: number, fn: () => void): void {
    const handle = realSetTimeout(
      () => {
        this.timers.delete(handle);
        // Node may fire a timer a fraction of a millisecond early by performance.now: wait it out.
        if (this.now < time) return this.at(time, fn);
        try {
          fn();
        } catch (error) {
          this.uncaught.push(error);
        }
      },
      Math.max(0, Math.ceil((time - this.now) * this.scale)),
    );
    this.timers.add(handle);
  }

  async run(until: number, done: () => boolean = () => false): Promise<'done' | 'until'> {
    for (;;) {
      if (done()) return 'done';
      const left = (until - this.now) * this.scale;
      if (left <= 0) return 'until';
      await new Promise((resolve) => realSetTimeout(resolve, Math.min(POLL_MS, left)));
    }
  }

  /** Cancels every event not yet due, so that nothing of a run outlives it. */
  dispose(): void {
    for (const handle of this.timers) realClearTimeout(handle);
    this.timers.clear();
  }
}
