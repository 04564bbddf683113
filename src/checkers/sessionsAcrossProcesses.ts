// FORK-2: across N processes, each with its own pool, at most N x (size + maxOverflow) server
// sessions exist at once. Counted on the wire, from the proxy every session of the run passes
// (a session is open from the server's BackendKeyData to its Terminate or its socket's end),
// never from any pool's own count.
import type { ForkRecord } from '../fork/openForkRunner.ts';
import { processCount } from '../fork/ForkWorkload.ts';
import type { Finding } from './Violation.ts';

export function sessionsAcrossProcesses(run: Pick<ForkRecord, 'history' | 'workload'>): Finding[] {
  const { size, maxOverflow } = run.workload.config;
  const processes = processCount(run.workload);
  const bound = processes * (size + maxOverflow);
  const open = new Set<string>();
  for (const e of run.history) {
    if (e.task !== 'server' || e.conn === undefined) continue;
    if (e.kind === 'connect' && e.phase === 'ok') open.add(e.conn);
    else if (e.kind === 'disconnect' || e.kind === 'kill') open.delete(e.conn);
    if (open.size > bound) {
      return [
        {
          rule: 'FORK-2',
          message: `${open.size} sessions were open at ${e.at} ms (${[...open].join(', ')}): more than ${processes} processes × (size ${size} + maxOverflow ${maxOverflow}) = ${bound}`,
          events: [e.i],
        },
      ];
    }
  }
  return [];
}
