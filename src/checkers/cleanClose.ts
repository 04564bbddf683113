// CLOSE-1: After close, new acquires are rejected with a recognisable closed-pool error and
// waiting acquires are rejected or served; once borrowed connections are returned, every session
// the pool opened is closed.
//
// An acquire still pending at the end is judged only when the run lasted until its own timeout
// could have fired (see unobserved.ts); messages say what the history shows, in time after close.
import { NOTHING_LEFT, type HistoryEvent } from '../history/History.ts';
import type { RunRecord } from '../runner/RunRecord.ts';
import { formatMs } from './formatMs.ts';
import { acquires, closeInvoke, marker, sessionsAt } from './timeline.ts';
import { unobserved } from './unobserved.ts';
import type { Finding, NotJudged } from './Violation.ts';

export const cleanClose = (run: RunRecord): Finding[] => {
  const { history } = run;
  const close = closeInvoke(history);
  const end = marker(history, 'end');
  if (!close || !end) return [];
  const afterClose = (e: HistoryEvent): string => `${formatMs(e.at - close.at)} ms after close`;
  // Model mode's clock ran out of things to run: what is pending stays pending.
  const pending = end.note?.includes(NOTHING_LEFT) ? 'it never settled' : `it had not settled ${afterClose(end)}, when the run ended`;
  let notJudged: NotJudged | null = null;
  for (const { invoke, result: any } of acquires(history)) {
    // A result after the end marker came while the run was torn down (its sessions killed): the
    // acquire was still pending when the run ended, and the message says when it settled.
    const result = any && any.i < end.i ? any : null;
    const late = any && any.i > end.i ? ` (it ${any.phase === 'ok' ? 'was served' : 'failed'} ${afterClose(any)}, as the run was torn down)` : '';
    if (result === null) {
      const why = unobserved(run, invoke, end);
      if (why !== null) {
        notJudged ??= { rule: 'CLOSE-1', notJudged: why };
        continue;
      }
    }
    if (invoke.i > close.i && (result?.phase !== 'fail' || result.error?.class !== 'closed')) {
      const got = result === null ? pending + late : result.phase === 'ok' ? `it was given ${result.conn} ${afterClose(result)}` : `it failed ${afterClose(result)} with "${result.error?.message}"`;
      return [{ rule: 'CLOSE-1', message: `${invoke.task} called acquire at ${formatMs(invoke.at)} ms on a pool closed at ${formatMs(close.at)} ms and ${got}, not with a closed-pool error`, events: [close.i, invoke.i, ...(result ? [result.i] : [end.i])] }];
    }
    if (invoke.i < close.i && result === null) {
      return [{ rule: 'CLOSE-1', message: `${invoke.task} was waiting when the pool was closed at ${formatMs(close.at)} ms and ${pending.replace('it ', '')}, neither rejected nor served${late}`, events: [invoke.i, close.i, end.i] }];
    }
  }
  // An acquire the run could not see settle may be what holds close() or a session open.
  if (notJudged) return [notJudged];
  if (end.note?.includes('close never settled')) {
    return [{ rule: 'CLOSE-1', message: `close() from ${formatMs(close.at)} ms had not settled ${afterClose(end)}, although every borrower gave back what it held`, events: [close.i, end.i] }];
  }
  const open = sessionsAt(history, end);
  if (open.size > 0) {
    return [{ rule: 'CLOSE-1', message: `after close and every connection returned, ${[...open].join(', ')} stayed open at the server ${afterClose(end)}`, events: [close.i, end.i] }];
  }
  return [];
};
