// Samples the witness's count of this run's sessions every `intervalMs` until stopped. One query
// at a time: a sample is sent only after the previous one came back (a slow server lowers the
// rate instead of piling up queries on the admin connection), and the next one is due
// `intervalMs` after the previous was sent, so the rate holds when a query takes part of it.
import type { Witness, WitnessSample } from './Witness.ts';

export interface SamplerOptions {
  /** Milliseconds between the starts of two samples; 0 samples back to back. */
  readonly intervalMs: number;
  readonly onSample: (sample: WitnessSample) => void;
}

export interface Sampler {
  /** Waits for the sample in flight; rejects with the first error a sample met, if any. */
  stop(): Promise<void>;
}

export function startSampler(witness: Pick<Witness, 'sample'>, { intervalMs, onSample }: SamplerOptions): Sampler {
  let stopped = false;
  let wake: (() => void) | undefined;
  const loop = async (): Promise<void> => {
    while (!stopped) {
      const started = performance.now();
      onSample(await witness.sample());
      const rest = intervalMs - (performance.now() - started);
      if (rest > 0 && !stopped) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, rest);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      } else {
        // Back to back still yields to I/O and timers between samples.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
  };
  const running = loop();
  // Kept until stop() so an error surfaces there; marked handled meanwhile.
  running.catch(() => undefined);
  return {
    stop: async () => {
      stopped = true;
      wake?.();
      await running;
    },
  };
}
