// A promise given a real-time limit: `late()` is the rejection when it has not settled by then.
// Real timers, captured at load: model mode may swap the globals while a workload runs.
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

export function within<T>(promise: Promise<T>, ms: number, late: () => Error): Promise<T> {
  let timer: ReturnType<typeof realSetTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = realSetTimeout(() => reject(late()), ms);
  });
  return Promise.race([promise, expired]).finally(() => realClearTimeout(timer));
}
