// WAIT-2: Waiters are served in the order in which they started to wait.
import { acquires } from './timeline.ts';
import type { Checker } from './Violation.ts';

export const arrivalOrder: Checker = ({ history }) => {
  const all = acquires(history);
  for (const a of all) {
    for (const b of all) {
      // b came later than a, yet was served while a was still waiting.
      if (b.invoke.i <= a.invoke.i || b.result?.phase !== 'ok') continue;
      const aStillWaiting = a.result === null || a.result.i > b.result.i;
      // Only waiters count: a was still waiting when b arrived.
      if (aStillWaiting && (a.result === null || a.result.i > b.invoke.i)) {
        return [
          {
            rule: 'WAIT-2',
            message: `${b.invoke.task} (waiting since ${b.invoke.at} ms) was served at ${b.result.at} ms before ${a.invoke.task}, waiting since ${a.invoke.at} ms`,
            events: [a.invoke.i, b.invoke.i, b.result.i],
          },
        ];
      }
    }
  }
  return [];
};
