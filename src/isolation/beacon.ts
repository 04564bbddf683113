// What the thread judging a pool is doing right now, for whoever must stop it from outside: the
// workload that started last and the adapter call on the stack. Silent (a no-op) unless a sink is
// plugged in; the worker of src/isolation/ plugs in a SharedBeacon, which the main thread reads
// once the worker stops answering (a synchronous loop in the pool never returns to any of this).
import type { Workload } from '../workload/Workload.ts';

export interface BeaconSink {
  /** A workload run starts (its tie choices too: model mode replays them). */
  workload(workload: Workload, ties: readonly number[]): void;
  /** An adapter call starts synchronously; `what` names it (`release() of t2`). */
  enter(what: string): void;
  /** It returned (or threw). */
  leave(): void;
}

const silent: BeaconSink = { workload() {}, enter() {}, leave() {} };
let sink = silent;

export const beacon = {
  /** Plugs in a sink for this thread; null unplugs it. */
  use(next: BeaconSink | null): void {
    sink = next ?? silent;
  },
  workload: (workload: Workload, ties: readonly number[]): void => sink.workload(workload, ties),
  enter: (what: string): void => sink.enter(what),
  leave: (): void => sink.leave(),
};
