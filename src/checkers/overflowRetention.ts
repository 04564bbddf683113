// BOUND-2: Once the pool is quiet, at most size connections stay open: overflow connections are
// closed on release, or after the idle timeout the adapter declares.
import { marker, sessionsAt } from './timeline.ts';
import { formatMs } from './formatMs.ts';
import { quietSkipped } from './quietSkipped.ts';
import type { Checker } from './Violation.ts';

export const overflowRetention: Checker = ({ history, workload }) => {
  const skipped = quietSkipped('BOUND-2', history);
  if (skipped) return [skipped];
  const quiet = marker(history, 'quiet');
  if (!quiet) return [];
  const open = sessionsAt(history, quiet);
  if (open.size <= workload.config.size) return [];
  return [
    {
      rule: 'BOUND-2',
      message: `${open.size} connections (${[...open].join(', ')}) were still open once the pool was quiet at ${formatMs(quiet.at)} ms; size is ${workload.config.size}`,
      events: [quiet.i],
    },
  ];
};
