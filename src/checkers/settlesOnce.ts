// SETTLE-1: Every acquire settles exactly once: it resolves or rejects, never both and never
// neither, also when the pool is closed under it.
import { acquires, closeInvoke, marker } from './timeline.ts';
import type { Checker, Violation } from './Violation.ts';
import { NOTHING_LEFT } from '../history/History.ts';

export const settlesOnce: Checker = ({ history }) => {
  const out: Violation[] = [];
  const end = marker(history, 'end');
  const close = closeInvoke(history);
  // What the history can show: "never" when nothing was left that could settle it (model mode's
  // idle clock), else still pending when the drain after close ran out (60 s virtual in model
  // mode, 500 workload ms = 2 s real in live mode).
  const after = close && end ? ` ${round(end.at - close.at)} ms after the pool was closed` : '';
  const when =
    !end || end.note?.includes(NOTHING_LEFT)
      ? 'never settled, not even after the pool was closed'
      : `had not settled when the run ended,${after}`;
  for (const a of acquires(history)) {
    const results = history.filter((e) => e.kind === 'acquire' && e.op === a.invoke.op && e.phase !== 'invoke');
    if (results.length === 0) {
      out.push({
        rule: 'SETTLE-1',
        message: `${a.invoke.task}'s acquire from ${a.invoke.at} ms ${when}`,
        events: [a.invoke.i, ...(end ? [end.i] : [])],
      });
    } else if (results.length > 1) {
      out.push({ rule: 'SETTLE-1', message: `${a.invoke.task}'s acquire settled ${results.length} times`, events: [a.invoke.i, ...results.map((r) => r.i)] });
    }
  }
  return out.slice(0, 1);
};

const round = (ms: number): number => Math.round(ms * 100) / 100;
