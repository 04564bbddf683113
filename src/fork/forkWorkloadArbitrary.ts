// Fork-mode workloads as fast-check generates them. Small on purpose: every workload starts real
// processes and real sessions, and a counterexample shrinks towards two children with one
// borrower each, a pool of one, and nothing held at the fork.
import fc from 'fast-check';
import type { Capabilities } from '../adapter/Adapter.ts';
import type { ForkTask, ForkWorkload } from './ForkWorkload.ts';

const MAX_SIZE = 3;
const MAX_OVERFLOW = 2;
/** The largest size + maxOverflow a fork-mode workload asks for. */
export const MAX_FORK_CAPACITY = MAX_SIZE + MAX_OVERFLOW;
export const MAX_CHILDREN = 4;
/** Borrowers per process: at most what a pool of the largest size holds. */
const MAX_TASKS = 3;

/**
 * The pool's acquire timeout, when it has one: a child whose inherited pool counts the parent's
 * borrowed connections as its own may find no capacity left, and waits this long, not 30 s.
 */
export const FORK_ACQUIRE_TIMEOUT_MS = 1_000;

const task: fc.Arbitrary<ForkTask> = fc.record({
  startMs: fc.integer({ min: 0, max: 30 }),
  holdMs: fc.integer({ min: 0, max: 30 }),
  reads: fc.integer({ min: 1, max: 2 }),
  rounds: fc.integer({ min: 1, max: 2 }),
});

export function forkWorkloadArbitrary(caps: Capabilities): fc.Arbitrary<ForkWorkload> {
  return fc
    .record({
      size: fc.integer({ min: 1, max: MAX_SIZE }),
      maxOverflow: fc.integer({ min: 0, max: MAX_OVERFLOW }),
      warm: fc.integer({ min: 1, max: MAX_FORK_CAPACITY }),
      // How many warm leases go back before the fork: idle connections are what a child can
      // inherit, so all held (none given back) is one case in six, not the likeliest.
      givenBack: fc.nat({ max: MAX_FORK_CAPACITY }),
      children: fc.array(fc.array(task, { minLength: 1, maxLength: MAX_TASKS }), { minLength: 2, maxLength: MAX_CHILDREN }),
      parent: fc.array(task, { maxLength: MAX_TASKS }),
    })
    .map(({ size, maxOverflow, warm, givenBack, children, parent }) => {
      // The warm-up borrows at once, so it stays within capacity: no warm lease waits. No process
      // has more borrowers at once than its pool's capacity (the parent's held leases count), so
      // a pool that opens a session per borrower (NullPool) stays within FORK-2's bound too.
      const capacity = size + maxOverflow;
      const opened = Math.min(warm, capacity);
      const heldAtFork = opened - Math.min(givenBack, opened);
      return {
        kind: 'fork' as const,
        config: { size, maxOverflow, acquireTimeoutMs: caps.acquireTimeout === null ? null : FORK_ACQUIRE_TIMEOUT_MS, idleTimeoutMs: null, min: 0 },
        warm: opened,
        heldAtFork,
        children: children.map((tasks) => tasks.slice(0, capacity)),
        parent: parent.slice(0, capacity - heldAtFork),
      };
    });
}
