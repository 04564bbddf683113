// What a forked child is told by its parent (startChildHost.ts): its name, poolcheck's socket,
// and the pools to build anew under the parent's handles. It travels in the child's environment,
// never in its arguments (which any user can list), since a database URL can hold a password.
import type { PoolPlan } from './HostedPools.ts';

export interface ChildPlan {
  /** The `fork` request's `child`: the name the child announces itself by. */
  readonly child: string;
  /** The Unix socket poolcheck listens on for this child. */
  readonly address: string;
  readonly pools: readonly PoolPlan[];
}

const CHILD_PLAN_ENV = 'POOLCHECK_NODE_HOST_CHILD';

/** The environment entry that makes a host a child. */
export const childPlanEnv = (plan: ChildPlan): Record<string, string> => ({ [CHILD_PLAN_ENV]: JSON.stringify(plan) });

/** This process's plan when it is a forked child, else null; taken out, so its own children start clean. */
export function takeChildPlan(): ChildPlan | null {
  const text = process.env[CHILD_PLAN_ENV];
  delete process.env[CHILD_PLAN_ENV];
  return text === undefined ? null : (JSON.parse(text) as ChildPlan);
}
