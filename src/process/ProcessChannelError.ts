// A process adapter that broke the channel: it could not be started, printed something that is
// not a message, answered a request nobody sent, exited, or never answered. Every such fault
// stops the adapter and fails each request still waiting with this error: one line saying what
// happened and how to fix it, then the last lines of the adapter's stderr, whole (a Python
// traceback is the most useful thing a failing adapter says).
import { type ErrorCode, PoolcheckError } from '../errors.ts';

export type Fault =
  /** The command could not be started (not found, not executable). */
  | 'spawn'
  /** A line on stdout that is not a message of the protocol, or a reply of the wrong shape. */
  | 'malformed'
  /** A reply to an id no request is waiting on. */
  | 'unknown-id'
  /** The adapter refused a request as not of the protocol (error type poolcheck.protocol). */
  | 'refused'
  /** The process ended before `bye`. */
  | 'exited'
  /** A request had no reply by its deadline. */
  | 'deadline'
  /** poolcheck closed the channel while the request waited. */
  | 'closed';

export class ProcessChannelError extends PoolcheckError {
  /** The one line, without the stderr tail. */
  readonly line: string;

  constructor(
    readonly fault: Fault,
    line: string,
    /** The adapter's last stderr lines when the fault happened (empty when it said nothing). */
    readonly stderrTail: readonly string[] = [],
    code: ErrorCode = 'POOLCHECK_ADAPTER_CONTRACT',
  ) {
    super(code, stderrTail.length === 0 ? line : `${line}\n${withTail(stderrTail)}`);
    this.line = line;
  }
}

function withTail(tail: readonly string[]): string {
  return [`stderr (last ${tail.length} line${tail.length === 1 ? '' : 's'}):`, ...tail.map((l) => `  ${l}`)].join('\n');
}
