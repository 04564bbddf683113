// A forked child of the Node host (started by startChildHost.ts): it builds its parent's pools
// anew under the same handles, connects to poolcheck's Unix socket, announces itself there with
// the `child` event, then answers requests on the socket exactly as its parent does on stdin (no
// `hello`), until `bye` or the socket's end.
import { once } from 'node:events';
import net from 'node:net';
import { answerRequest, type Host } from './answerRequest.ts';
import type { ChildPlan } from './childPlan.ts';
import { line, serveLines } from './serveLines.ts';

export async function runChild(host: Promise<Host>, plan: ChildPlan): Promise<void> {
  // The parent is gone (killed outright, its IPC channel closed): so is its child.
  process.once('disconnect', () => process.exit(0));
  const { pools } = await host;
  for (const { handle, config, database, closed } of plan.pools) {
    pools.create(config, database, handle);
    if (closed) await pools.close(handle);
  }
  const socket = net.connect(plan.address);
  await once(socket, 'connect');
  socket.on('error', (error) => {
    process.stderr.write(`node host child ${plan.child}: socket ${plan.address}: ${error.message}\n`);
    process.exit(1);
  });
  socket.write(line({ event: 'child', child: plan.child, pid: process.pid }));
  serveLines(socket, (request) => answerRequest(host, request), (text) => socket.write(text), {
    bye: (reply) => socket.end(reply, () => process.exit(0)),
    ended: () => process.exit(0),
  });
}
