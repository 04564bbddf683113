// EXCL-1: A connection is held by at most one borrower at a time, judged by the server-side
// identity of the connection. (EXCL-2 applies the same judgement to runs with double releases.)
import { leases } from './timeline.ts';
import type { Checker, Violation } from './Violation.ts';
import { formatMs } from './formatMs.ts';

export const exclusiveCheckout =
  (rule: string): Checker =>
  ({ history }) => {
    const out: Violation[] = [];
    const all = leases(history);
    for (const a of all) {
      for (const b of all) {
        // b was handed out while a still held the same connection.
        if (a === b || a.conn !== b.conn || b.from.i < a.from.i) continue;
        if (a.to === null || b.from.i < a.to.i) {
          out.push({
            rule,
            message: `${b.task} was given connection ${b.conn} at ${formatMs(b.from.at)} ms while ${a.task} still held it (since ${formatMs(a.from.at)} ms)`,
            events: [a.from.i, b.from.i, ...(a.to ? [a.to.i] : [])],
          });
        }
      }
    }
    return out.slice(0, 1);
  };
