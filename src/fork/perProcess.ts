// Single-process rules judged inside each process of a fork-mode run: each process's pool is held
// to what live mode holds one pool to, by the same checkers, over that process's part of the
// history.
//
// A process's part is its borrowers' events, and the server's events of the sessions that are
// certainly its own: sessions it leased first, connected after it became a process of its own
// (a child after its fork, the parent after its last fork). A session open across a fork may be
// held by several processes' file descriptors, whatever any pool did with it, so it counts for no
// process here; a session no borrower leased is nobody's. The count is thus a lower bound of each
// process's sessions: a bound broken by it is broken for certain, and FORK-2 counts all of them.
import type { HistoryEvent } from '../history/History.ts';
import type { RunRecord } from '../runner/RunRecord.ts';
import type { Finding } from '../checkers/Violation.ts';
import type { ForkRecord } from './openForkRunner.ts';
import { PARENT, processOf } from './processOf.ts';

const isServer = (task: string): boolean => task === 'server' || task.startsWith('server:');

/** A checker that judges one pool's history (and its capacity): the single-process rules' form. */
export type ProcessChecker = (run: Pick<RunRecord, 'history' | 'capacity'>) => Finding[];

/** Each process's label and its part of the run's history, in history order. */
export function processHistories(history: readonly HistoryEvent[]): Map<string, HistoryEvent[]> {
  const forks = new Map<string, number>();
  for (const e of history) if (e.kind === 'fork' && e.phase === 'info') forks.set(e.task, e.i);
  const lastFork = Math.max(-1, ...forks.values());
  const separateFrom = (process: string): number => (process === PARENT ? lastFork : (forks.get(process) ?? Infinity));

  const connectedAt = new Map<string, number>();
  const owner = new Map<string, string>();
  for (const e of history) {
    if (isServer(e.task) && e.kind === 'connect' && e.phase === 'ok' && e.conn !== undefined && !connectedAt.has(e.conn)) connectedAt.set(e.conn, e.i);
    if (e.kind !== 'acquire' || e.phase !== 'ok' || e.conn === undefined || owner.has(e.conn)) continue;
    owner.set(e.conn, processOf(e.task));
  }
  const ownSession = (conn: string, process: string): boolean => owner.get(conn) === process && (connectedAt.get(conn) ?? -1) > separateFrom(process);

  const out = new Map<string, HistoryEvent[]>();
  for (const process of [PARENT, ...forks.keys()]) {
    out.set(
      process,
      history.filter((e) => (isServer(e.task) ? e.conn !== undefined && ownSession(e.conn, process) : processOf(e.task) === process && e.kind !== 'fork')),
    );
  }
  return out;
}

/**
 * A single-process rule over a fork-mode run: the first process whose part breaks it, named in
 * the finding with its pid. Event indexes are the whole run's, so the report shows them in place.
 */
export function inEachProcess(check: ProcessChecker): (run: Pick<ForkRecord, 'history' | 'workload' | 'processes'>) => Finding[] {
  return (run) => {
    const capacity = run.workload.config.size + run.workload.config.maxOverflow;
    for (const [process, history] of processHistories(run.history)) {
      const [finding] = check({ history, capacity });
      if (finding === undefined) continue;
      if (finding.message === undefined) return [finding];
      const pid = run.processes[process];
      const where = process === PARENT ? 'the parent' : `child ${process}`;
      return [{ ...finding, message: `in ${where}${pid === undefined ? '' : ` (pid ${pid})`}: ${finding.message}` }];
    }
    return [];
  };
}
