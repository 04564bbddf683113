// EXCL-1: A connection is held by at most one borrower at a time, judged by the server-side
// identity of the connection. (EXCL-2 applies the same judgement to runs with double releases, a
// misuse by the caller: its finding says so, and names the second release that led to it.)
import { leases } from './timeline.ts';
import type { RunRecord } from '../runner/RunRecord.ts';
import type { Violation } from './Violation.ts';
import { formatMs } from './formatMs.ts';

export const exclusiveCheckout =
  (rule: string) =>
  ({ history }: Pick<RunRecord, 'history'>): Violation[] => {
    const out: Violation[] = [];
    const all = leases(history);
    for (const a of all) {
      for (const b of all) {
        // b was handed out while a still held the same connection.
        if (a === b || a.conn !== b.conn || b.from.i < a.from.i) continue;
        if (a.to === null || b.from.i < a.to.i) {
          const shared = `${b.task} was given connection ${b.conn} at ${formatMs(b.from.at)} ms while ${a.task} still held it (since ${formatMs(a.from.at)} ms)`;
          // The latest second release of this connection before the sharing began, if any.
          const misuse = history.filter((e) => e.i < b.from.i && e.kind === 'release' && e.phase === 'invoke' && e.note === 'again' && e.conn === b.conn).pop();
          out.push({
            rule,
            message: misuse ? `after a caller's double release (${misuse.task} released ${misuse.conn} again at ${formatMs(misuse.at)} ms), ${shared}` : shared,
            events: [a.from.i, b.from.i, ...(a.to ? [a.to.i] : []), ...(misuse ? [misuse.i] : [])].sort((x, y) => x - y),
          });
        }
      }
    }
    return out.slice(0, 1);
  };
