// FORK-1: no session is used by two processes. The evidence is the server's: every statement a
// borrower runs in fork mode asks the server which session ran it, so a session named in answers
// to statements from two processes was written to by both, whatever either pool believed. The
// first such session in the history is reported, with both processes' pids and statements.
import type { HistoryEvent } from '../history/History.ts';
import type { ForkRecord } from '../fork/openForkRunner.ts';
import { PARENT, processOf } from '../fork/processOf.ts';
import type { Finding } from './Violation.ts';

export function noSessionAcrossProcesses(run: Pick<ForkRecord, 'history' | 'processes'>): Finding[] {
  // Per session, the first answered statement of each process.
  const firstBy = new Map<string, Map<string, HistoryEvent>>();
  for (const e of run.history) {
    if (e.kind !== 'use' || e.phase !== 'ok' || e.conn === undefined) continue;
    const byProcess = firstBy.get(e.conn) ?? new Map<string, HistoryEvent>();
    firstBy.set(e.conn, byProcess);
    const process = processOf(e.task);
    if (byProcess.has(process)) continue;
    byProcess.set(process, e);
    if (byProcess.size === 2) {
      const [a, b] = [...byProcess.values()] as [HistoryEvent, HistoryEvent];
      const who = (x: HistoryEvent) => `${describe(processOf(x.task), run.processes)}, task ${x.task} at ${x.at} ms`;
      return [
        {
          rule: 'FORK-1',
          message: `session ${e.conn} ran statements from two processes: the server answered a session read from ${who(a)}, and from ${who(b)}`,
          events: [a.i, b.i],
        },
      ];
    }
  }
  return [];
}

function describe(process: string, pids: Readonly<Record<string, number>>): string {
  const pid = pids[process];
  const what = process === PARENT ? 'the parent' : `child ${process}`;
  return pid === undefined ? what : `${what} (pid ${pid})`;
}
