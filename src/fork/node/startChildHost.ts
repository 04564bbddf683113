// `fork` in a runtime without fork() (spec/process-protocol.md, `fork`): a new Node process, this
// same host started by child_process.fork, in which each of the parent's pools is built anew from
// its config and database under the same handle, as a Node cluster worker builds its own. The
// child stays in the parent's process group (not detached), so that poolcheck's end of the group
// ends it; the parent ends its children when it exits, and a child leaves when its parent's IPC
// channel closes (the parent was killed outright).
import { type ChildProcess, fork } from 'node:child_process';
import { type ChildPlan, childPlanEnv } from './childPlan.ts';
import { NODE_HOST_FILE, TSX_IMPORT } from './nodeHostManifest.ts';

const STDERR = 2;
const children = new Set<ChildProcess>();

// Whatever ends the host (bye, stdin's end, an uncaught error) ends its children with it.
process.on('exit', () => {
  for (const child of children) child.kill('SIGTERM');
});

/** Starts the child; resolves with its pid once it is spawned. */
export function startChildHost(spec: string, plan: ChildPlan): Promise<number> {
  const child = fork(NODE_HOST_FILE, [spec], {
    execArgv: [...TSX_IMPORT],
    env: { ...process.env, ...childPlanEnv(plan) },
    // The child talks on poolcheck's socket: its stdout must not reach the parent's, the protocol's.
    stdio: ['ignore', STDERR, STDERR, 'ipc'],
  });
  children.add(child);
  // Reaped by Node itself; forgotten here.
  child.once('exit', () => children.delete(child));
  return new Promise((resolve, reject) => {
    child.once('spawn', () => resolve(child.pid!));
    // Also heard after the spawn (a failed kill): a settled promise ignores it.
    child.on('error', reject);
  });
}
