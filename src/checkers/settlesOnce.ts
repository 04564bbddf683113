// SETTLE-1: Every acquire settles exactly once: it resolves or rejects, never both and never
// neither, also when the pool is closed under it.
import { acquires, marker } from './timeline.ts';
import type { Checker, Violation } from './Violation.ts';

export const settlesOnce: Checker = ({ history }) => {
  const out: Violation[] = [];
  const end = marker(history, 'end');
  for (const a of acquires(history)) {
    const results = history.filter((e) => e.kind === 'acquire' && e.op === a.invoke.op && e.phase !== 'invoke');
    if (results.length === 0) {
      out.push({
        rule: 'SETTLE-1',
        message: `${a.invoke.task}'s acquire from ${a.invoke.at} ms never settled, not even after the pool was closed`,
        events: [a.invoke.i, ...(end ? [end.i] : [])],
      });
    } else if (results.length > 1) {
      out.push({ rule: 'SETTLE-1', message: `${a.invoke.task}'s acquire settled ${results.length} times`, events: [a.invoke.i, ...results.map((r) => r.i)] });
    }
  }
  return out.slice(0, 1);
};
