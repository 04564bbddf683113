// The beacon's sink in shared memory: the worker writes, the main thread reads. Reads happen only
// once the worker is stuck (or terminated), so plain writes suffice for the texts; the beat
// counter, which the main thread watches while the worker runs, is atomic.
//
// Layout of the SharedArrayBuffer: four int32 slots (beat, call length, workload length, spare),
// then CALL_BYTES of UTF-8 for the adapter call on the stack, then WORKLOAD_BYTES of UTF-8 JSON of
// the latest workload and its ties (left empty when it does not fit).
import type { Counterexample } from '../runner/Verdict.ts';
import type { Workload } from '../workload/Workload.ts';
import type { BeaconSink } from './beacon.ts';

const HEADER = 16;
const CALL_BYTES = 256;
const WORKLOAD_BYTES = 64 * 1024;
const BEAT = 0;
const CALL_LENGTH = 1;
const WORKLOAD_LENGTH = 2;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class SharedBeacon implements BeaconSink {
  private readonly slots: Int32Array;
  private readonly call: Uint8Array;
  private readonly latest: Uint8Array;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(HEADER + CALL_BYTES + WORKLOAD_BYTES)) {
    this.slots = new Int32Array(buffer, 0, 4);
    this.call = new Uint8Array(buffer, HEADER, CALL_BYTES);
    this.latest = new Uint8Array(buffer, HEADER + CALL_BYTES, WORKLOAD_BYTES);
  }

  /** Counts a sign of life: the worker's event loop turned, or the runner made progress. */
  beat(): void {
    Atomics.add(this.slots, BEAT, 1);
  }

  /** The count of signs of life so far (main thread). */
  beats(): number {
    return Atomics.load(this.slots, BEAT);
  }

  workload(workload: Workload, ties: readonly number[]): void {
    this.beat();
    const text = JSON.stringify({ workload, ties });
    const { read, written } = encoder.encodeInto(text, this.latest);
    // A workload too large to keep whole is not kept at all: half a JSON text replays nothing.
    this.slots[WORKLOAD_LENGTH] = read === text.length ? written : 0;
  }

  enter(what: string): void {
    this.beat();
    this.slots[CALL_LENGTH] = encoder.encodeInto(what, this.call).written;
  }

  leave(): void {
    this.beat();
    this.slots[CALL_LENGTH] = 0;
  }

  /** The adapter call on the stack, if any (main thread, once the worker is stuck). */
  callOnStack(): string | null {
    const length = this.slots[CALL_LENGTH] ?? 0;
    return length === 0 ? null : decoder.decode(this.call.slice(0, length));
  }

  /** The workload that started last, if one did and it fitted (main thread). */
  lastWorkload(): Counterexample | null {
    const length = this.slots[WORKLOAD_LENGTH] ?? 0;
    if (length === 0) return null;
    try {
      return JSON.parse(decoder.decode(this.latest.slice(0, length))) as Counterexample;
    } catch {
      return null;
    }
  }
}
