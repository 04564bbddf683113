// ERR-2: A connection the borrower destroyed is never handed out again, and the pool replaces it;
// with validation declared, a connection the server killed is not handed out either.
//
// A kill at the very instant of the hand-out, after the acquire was invoked, is concurrent with
// the pool's validation: on a deferring Promise (or any pool that validates and hands out on
// separate turns) the pool may rightly have found the session alive a turn before the kill, as
// it could be killed a turn after. Such a hand-out is not held against it.
import { fullCapacityAgain } from './fullCapacityAgain.ts';
import type { Checker } from './Violation.ts';
import { formatMs } from './formatMs.ts';

const replaced = fullCapacityAgain('ERR-2', 'after connections were destroyed or killed');

export const deadNotHandedOut: Checker = (run) => {
  const dead = new Map<string, { i: number; at: number; why: string; kill: boolean }>();
  const invoked = new Map<number, number>();
  for (const e of run.history) {
    if (e.kind === 'acquire' && e.phase === 'invoke') invoked.set(e.op, e.i);
    if (!e.conn) continue;
    if (e.kind === 'destroy' && e.phase === 'invoke') dead.set(e.conn, { i: e.i, at: e.at, why: `destroyed by ${e.task}`, kill: false });
    if (e.kind === 'disconnect') dead.set(e.conn, { i: e.i, at: e.at, why: 'closed', kill: false });
    if (e.kind === 'kill' && run.capabilities.validation) dead.set(e.conn, { i: e.i, at: e.at, why: 'killed by the server', kill: true });
    const d = dead.get(e.conn);
    const concurrentKill = d?.kill === true && d.at === e.at && d.i > (invoked.get(e.op) ?? Infinity);
    if (e.kind === 'acquire' && e.phase === 'ok' && d && !concurrentKill) {
      return [{ rule: 'ERR-2', message: `${e.task} was handed ${e.conn} at ${formatMs(e.at)} ms, which had been ${d.why}`, events: [d.i, e.i] }];
    }
  }
  return replaced(run);
};
