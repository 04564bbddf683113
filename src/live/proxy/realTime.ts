// The proxy lives in real time. Model mode's VirtualClock swaps the global timers, Date.now and
// performance.now (and the node:timers module object) while a run is installed, so everything
// the proxy schedules or stamps uses the functions captured here, when this module is first
// imported. Node's sockets use internal timers and are unaffected either way.

export const realSetTimeout = globalThis.setTimeout;
export const realClearTimeout = globalThis.clearTimeout;
const dateNow = Date.now;

/** Wall-clock milliseconds since the epoch, never virtual. */
export const realDateNow = (): number => dateNow();
