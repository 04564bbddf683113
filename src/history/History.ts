// A run's history: plain, correlated events in the style of Jepsen. Each operation has an
// `invoke` event and at most one `ok` or `fail` event with the same `op`; `info` events are
// observations that are not operations (the server's accounting, markers of the run's phases).
import type { ErrorClass } from '../adapter/Adapter.ts';

export type EventKind =
  // borrower operations
  | 'acquire'
  | 'release'
  | 'destroy'
  | 'use'
  | 'query'
  | 'close'
  // ground truth from the backend
  | 'connect'
  | 'disconnect'
  | 'kill'
  | 'outage'
  | 'ping'
  // phases of the run
  | 'quiet'
  | 'probe'
  | 'end'
  // fork mode: a child process started from the parent (its pid in the note)
  | 'fork'
  // the server's own list of the run's sessions (live mode), just after a phase marker
  | 'audit';

export type Phase = 'invoke' | 'ok' | 'fail' | 'info';

export interface HistoryEvent {
  /** Position in the history. */
  readonly i: number;
  /** Operation id: an operation's invoke and its ok/fail share it. */
  readonly op: number;
  /** Who acted: `t3` (workload task 3), `p1` (probe borrower 1), `server`, `run`. */
  readonly task: string;
  readonly kind: EventKind;
  readonly phase: Phase;
  /** Virtual milliseconds since the run started. */
  readonly at: number;
  /** Server-side identity of the connection concerned. */
  readonly conn?: string;
  readonly error?: { readonly class: ErrorClass | 'connect' | 'harness'; readonly message: string };
  /** Free-form detail: how many were open, which script step, and so on. */
  readonly note?: string;
  /** On an `audit` event: the sessions the server lists for this run. */
  readonly conns?: readonly string[];
}

/** In the `end` marker's note when the virtual clock had nothing left to run: pending stays pending. */
export const NOTHING_LEFT = 'nothing left to run';

export class History {
  readonly events: HistoryEvent[] = [];
  private nextOp = 1;

  constructor(private readonly now: () => number) {}

  invoke(task: string, kind: EventKind, extra: Partial<Pick<HistoryEvent, 'conn' | 'note'>> = {}): number {
    const op = this.nextOp++;
    this.push({ op, task, kind, phase: 'invoke', ...extra });
    return op;
  }

  ok(op: number, task: string, kind: EventKind, extra: Partial<Pick<HistoryEvent, 'conn' | 'note'>> = {}): void {
    this.push({ op, task, kind, phase: 'ok', ...extra });
  }

  fail(op: number, task: string, kind: EventKind, error: NonNullable<HistoryEvent['error']>, extra: Partial<Pick<HistoryEvent, 'conn' | 'note'>> = {}): void {
    this.push({ op, task, kind, phase: 'fail', error, ...extra });
  }

  info(task: string, kind: EventKind, extra: Partial<Pick<HistoryEvent, 'conn' | 'note' | 'conns'>> = {}): void {
    this.push({ op: this.nextOp++, task, kind, phase: 'info', ...extra });
  }

  private push(e: Omit<HistoryEvent, 'i' | 'at'>): void {
    this.events.push({ i: this.events.length, at: this.now(), ...e });
  }
}
