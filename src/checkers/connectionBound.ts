// BOUND-1: At no instant are more than size + maxOverflow connections open, counted by the server
// or the connection factory, not by the pool's statistics.
import type { RunRecord } from '../runner/RunRecord.ts';
import type { Finding } from './Violation.ts';
import { formatMs } from './formatMs.ts';

export const connectionBound = ({ history, capacity }: Pick<RunRecord, 'history' | 'capacity'>): Finding[] => {
  const alive = new Set<string>();
  for (const e of history) {
    if (e.kind === 'connect' && e.phase === 'ok' && e.conn) alive.add(e.conn);
    if ((e.kind === 'disconnect' || e.kind === 'kill') && e.conn) alive.delete(e.conn);
    if (alive.size > capacity) {
      const opened = history.filter((x) => x.kind === 'connect' && x.phase === 'ok' && x.conn && alive.has(x.conn)).map((x) => x.i);
      return [
        {
          rule: 'BOUND-1',
          message: `${alive.size} connections were open at ${formatMs(e.at)} ms (${[...alive].join(', ')}), above size + maxOverflow = ${capacity}`,
          events: opened,
        },
      ];
    }
  }
  return [];
};
