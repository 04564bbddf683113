// The proxy lives in real time. Model mode's VirtualClock swaps the global timers, Date.now and
// performance.now (and the node:timers module object) while a run is installed, so everything
// the proxy schedules or stamps uses the functions captured here, when this module is first
// imported. Node's sockets use internal timers and are unaffected either way.

export const realSetTimeout = globalThis.setTimeout;
export const realClearTimeout = globalThis.clearTimeout;
export const realSetImmediate = globalThis.setImmediate;
const dateNow = Date.now;

/** Wall-clock milliseconds since the epoch, never virtual. */
export const realDateNow = (): number => dateNow();

/**
 * Two real turns of the event loop. A socket or server that was closed has fully released its
 * handle after them: libuv finishes closing handles in the close phase of the current turn, or
 * of the next one for a close requested during that phase (Node emits a server's 'close' before).
 */
export async function loopTurns(): Promise<void> {
  for (let i = 0; i < 2; i++) await new Promise((resolve) => realSetImmediate(resolve));
}
