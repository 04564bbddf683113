// How late this machine runs a timer, measured now: live mode's timing tolerances are derived
// from it rather than guessed (spec/README.md).
const realSetTimeout = globalThis.setTimeout;
const realNow = performance.now.bind(performance);

/** The worst lateness, in real ms, of `samples` 1 ms timers run one after another. */
export async function measureJitter(samples = 40): Promise<number> {
  let worst = 0;
  for (let i = 0; i < samples; i++) {
    const asked = realNow();
    await new Promise((resolve) => realSetTimeout(resolve, 1));
    worst = Math.max(worst, realNow() - asked - 1);
  }
  return worst;
}
