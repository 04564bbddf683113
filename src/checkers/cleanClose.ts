// CLOSE-1: After close, new acquires are rejected with a recognisable closed-pool error and
// waiting acquires are rejected or served; once borrowed connections are returned, every session
// the pool opened is closed.
import { acquires, closeInvoke, marker, sessionsAt } from './timeline.ts';
import type { Checker } from './Violation.ts';

export const cleanClose: Checker = ({ history }) => {
  const close = closeInvoke(history);
  const end = marker(history, 'end');
  if (!close || !end) return [];
  for (const { invoke, result } of acquires(history)) {
    if (invoke.i > close.i && (result?.phase !== 'fail' || result.error?.class !== 'closed')) {
      const got = result === null ? 'it never settled' : result.phase === 'ok' ? `it was given ${result.conn}` : `it failed with "${result.error?.message}"`;
      return [{ rule: 'CLOSE-1', message: `${invoke.task} called acquire at ${invoke.at} ms on a closed pool and ${got}, not with a closed-pool error`, events: [close.i, invoke.i, ...(result ? [result.i] : [])] }];
    }
    if (invoke.i < close.i && result === null) {
      return [{ rule: 'CLOSE-1', message: `${invoke.task} was waiting when the pool was closed at ${close.at} ms and was never rejected or served`, events: [invoke.i, close.i, end.i] }];
    }
  }
  if (end.note?.includes('close never settled')) {
    return [{ rule: 'CLOSE-1', message: `close() from ${close.at} ms never settled, although every borrower gave back what it held`, events: [close.i, end.i] }];
  }
  const open = sessionsAt(history, end);
  if (open.size > 0) {
    return [{ rule: 'CLOSE-1', message: `after close and every connection returned, ${[...open].join(', ')} stayed open at the server`, events: [close.i, end.i] }];
  }
  return [];
};
