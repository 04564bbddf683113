// SETTLE-1: Every acquire settles exactly once: it resolves or rejects, never both and never
// neither, also when the pool is closed under it.
//
// "Never" is what the history can show: model mode's clock ran out of things to run, so what is
// pending stays pending. Otherwise the run ended with the acquire pending, after a drain that
// lasted until its own timeout could have fired; when that timeout lies beyond the drain's limit
// the run saw nothing about it and the acquire is not judged (unobserved.ts).
import { acquires, closeInvoke, marker } from './timeline.ts';
import type { Finding, NotJudged, Violation } from './Violation.ts';
import { NOTHING_LEFT } from '../history/History.ts';
import type { RunRecord } from '../runner/RunRecord.ts';
import { formatMs } from './formatMs.ts';
import { unobserved } from './unobserved.ts';

export const settlesOnce = (run: RunRecord): Finding[] => {
  const { history } = run;
  const out: Violation[] = [];
  const notJudged: NotJudged[] = [];
  const end = marker(history, 'end');
  const close = closeInvoke(history);
  const when =
    !end || end.note?.includes(NOTHING_LEFT)
      ? 'never settled, not even after the pool was closed'
      : close
        ? `had not settled ${formatMs(end.at - close.at)} ms after close, when the run ended`
        : 'had not settled when the run ended';
  for (const a of acquires(history)) {
    const results = history.filter((e) => e.kind === 'acquire' && e.op === a.invoke.op && e.phase !== 'invoke');
    // A result after the end marker came while the run was torn down: pending when it ended.
    const late = end ? results.find((r) => r.i > end.i) : undefined;
    if (results.length === 0 || (results.length === 1 && late)) {
      const why = unobserved(run, a.invoke, end);
      if (why !== null) {
        notJudged.push({ rule: 'SETTLE-1', notJudged: why });
        continue;
      }
      out.push({
        rule: 'SETTLE-1',
        message: `${a.invoke.task}'s acquire from ${formatMs(a.invoke.at)} ms ${when}${late ? ` (it ${late.phase === 'ok' ? 'was served' : 'failed'} only as the run was torn down)` : ''}`,
        events: [a.invoke.i, ...(end ? [end.i] : [])],
      });
    } else if (results.length > 1) {
      out.push({ rule: 'SETTLE-1', message: `${a.invoke.task}'s acquire settled ${results.length} times`, events: [a.invoke.i, ...results.map((r) => r.i)] });
    }
  }
  return out.length > 0 ? out.slice(0, 1) : notJudged.slice(0, 1);
};
