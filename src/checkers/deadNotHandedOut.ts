// ERR-2: A connection the borrower destroyed is never handed out again, and the pool replaces it;
// with validation declared, a connection the server killed is not handed out either.
import { fullCapacityAgain } from './fullCapacityAgain.ts';
import type { Checker } from './Violation.ts';
import { formatMs } from './formatMs.ts';

const replaced = fullCapacityAgain('ERR-2', 'after connections were destroyed or killed');

export const deadNotHandedOut: Checker = (run) => {
  const dead = new Map<string, { i: number; why: string }>();
  for (const e of run.history) {
    if (!e.conn) continue;
    if (e.kind === 'destroy' && e.phase === 'invoke') dead.set(e.conn, { i: e.i, why: `destroyed by ${e.task}` });
    if (e.kind === 'disconnect') dead.set(e.conn, { i: e.i, why: 'closed' });
    if (e.kind === 'kill' && run.capabilities.validation) dead.set(e.conn, { i: e.i, why: 'killed by the server' });
    const d = dead.get(e.conn);
    if (e.kind === 'acquire' && e.phase === 'ok' && d) {
      return [{ rule: 'ERR-2', message: `${e.task} was handed ${e.conn} at ${formatMs(e.at)} ms, which had been ${d.why}`, events: [d.i, e.i] }];
    }
  }
  return replaced(run);
};
