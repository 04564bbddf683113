// The Node host: one of poolcheck's in-process adapters (a built-in name such as `pg-pool`, or a
// module path: what loadAdapter takes) run as a process adapter (spec/process-protocol.md), so
// that fork mode judges Node pools through the same code on poolcheck's side as Python's. Each
// `create` builds the adapter's pool on a backend of real pg sessions to the URL it names
// (UrlBackend); `fork` starts a child, this same program, that builds the pools anew and answers
// on poolcheck's socket (startChildHost.ts, runChild.ts).
//
//   node --import tsx src/fork/node/nodeHost.ts <adapter spec>
//
// First import: from here on stdout carries protocol lines only.
import { writeProtocol } from './protocolStdout.ts';
import { loadAdapter } from '../../adapter/loadAdapter.ts';
import { answerRequest, type Host } from './answerRequest.ts';
import { takeChildPlan } from './childPlan.ts';
import { HostedPools } from './HostedPools.ts';
import { runChild } from './runChild.ts';
import { serveLines } from './serveLines.ts';

const spec = process.argv[2];
if (spec === undefined) {
  process.stderr.write('usage: node --import tsx src/fork/node/nodeHost.ts <adapter: a built-in name or a module path>\n');
  process.exit(2);
}
const plan = takeChildPlan();
// A child names its own leases and pools apart from its parent's, with which it shares the session.
const host: Promise<Host> = loadAdapter(spec).then(({ adapter }) => ({ spec, pools: new HostedPools(adapter, plan === null ? '' : `${plan.child}.`) }));

if (plan === null) {
  // A failed load is every request's answer (hello's first): poolcheck quotes it.
  host.catch(() => undefined);
  serveLines(process.stdin, (request) => answerRequest(host, request), writeProtocol, {
    bye: (reply) => writeProtocol(reply, () => process.exit(0)),
    // poolcheck is gone: leave at once, whatever the borrowers are doing.
    ended: () => process.exit(0),
  });
} else {
  runChild(host, plan).catch((error: unknown) => {
    process.stderr.write(`node host child ${plan.child}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
