// Polls until a condition holds. Terminating a session is asynchronous on both servers (a
// signal in PostgreSQL, a flag the thread notices in MySQL), and a caller of kill() must be able
// to rely on the session being gone when it resolves: otherwise the next sample would still
// count it and a checker would blame the pool.
import { setTimeout as sleep } from 'node:timers/promises';
import { PoolcheckError } from '../../errors.ts';

export async function waitUntil(done: () => Promise<boolean>, what: string, timeoutMs = 10_000, pollMs = 2): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new PoolcheckError('POOLCHECK_ENVIRONMENT', `Timed out after ${timeoutMs} ms waiting until ${what}`);
    await sleep(pollMs);
  }
}
