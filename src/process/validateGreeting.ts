// The greeting, an adapter's answer to `hello`, checked before anything else is asked of it: the
// protocol version first (an adapter of another version may say anything else differently), then
// what is particular to a process adapter (it runs live only), then its descriptor through the
// adapter contract's own validation, the same lines an in-process adapter gets.
import type { Adapter } from '../adapter/Adapter.ts';
import { validateAdapter } from '../adapter/validateAdapter.ts';
import { describeValue, PoolcheckError } from '../errors.ts';
import { type Greeting, PROTOCOL_VERSION } from './protocol.ts';

/** What validateAdapter asks of an adapter object but a greeting cannot carry: its methods, here never called. */
const notCalled = (): never => {
  throw new Error('a process adapter is reached through its channel, not this descriptor');
};
const STAND_INS = Object.fromEntries(['create', 'acquire', 'connection', 'release', 'destroy', 'close', 'classifyError', 'query'].map((m) => [m, notCalled]));

export function validateGreeting(label: string, ok: unknown): Greeting {
  const wrong = (what: string): never => {
    throw new PoolcheckError('POOLCHECK_ADAPTER_CONTRACT', `adapter ${label}: ${what}`);
  };
  if (typeof ok !== 'object' || ok === null || Array.isArray(ok)) return wrong(`expected the reply to \`hello\` to be the greeting, an object, got ${describeValue(ok)}`);
  const g = ok as Record<string, unknown>;
  if (typeof g.protocol === 'number' && g.protocol !== PROTOCOL_VERSION) {
    wrong(`speaks protocol ${g.protocol}, and this poolcheck speaks protocol ${PROTOCOL_VERSION}: use a version of the adapter written for protocol ${PROTOCOL_VERSION}`);
  }
  if (g.protocol !== PROTOCOL_VERSION) wrong(`expected the greeting's \`protocol\` to be ${PROTOCOL_VERSION}, got ${describeValue(g.protocol)}`);
  const runsOn = g.runsOn as Record<string, unknown> | undefined;
  if (typeof runsOn !== 'object' || runsOn === null) wrong(`expected \`runsOn\` to be { model: false, live: 'postgres' | 'mysql' | 'sqlite' }, got ${describeValue(runsOn)}`);
  if (runsOn!.model !== false) wrong(`expected \`runsOn.model\` to be false: a process adapter has no model form (poolcheck's in-memory backend cannot reach another process), got ${describeValue(runsOn!.model)}`);
  if (g.notes !== undefined && typeof g.notes !== 'string') wrong(`expected \`notes\` to be a string or absent, got ${describeValue(g.notes)}`);
  const adapter: Adapter = validateAdapter(label, { ...g, contract: 2, ...STAND_INS });
  return {
    protocol: PROTOCOL_VERSION,
    name: adapter.name,
    pool: { name: adapter.pool.name, version: adapter.pool.version },
    capabilities: adapter.capabilities,
    ...(adapter.claims === undefined ? {} : { claims: adapter.claims }),
    ...(adapter.knownGaps === undefined ? {} : { knownGaps: adapter.knownGaps }),
    runsOn: adapter.runsOn as Greeting['runsOn'],
    ...(g.notes === undefined ? {} : { notes: g.notes as string }),
  };
}
