// The host's answer to `hello`: the hosted adapter's own descriptor, as a process adapter greets
// (spec/process-protocol.md), live on PostgreSQL only: the host's backend (UrlBackend) opens pg
// sessions from the URL of each `create`. All but `promiseLibrary`: `runtime.Promise` cannot cross
// the process boundary, so the host gives every pool the native Promise, and workloads must not
// choose poolcheck's deferring one for it.
import { type Adapter, DEFAULT_RUNS_ON } from '../../adapter/Adapter.ts';
import { installedVersion } from '../../adapter/installedVersion.ts';
import { type Greeting, PROTOCOL_VERSION, UNAVAILABLE_ERROR_TYPE } from '../../process/protocol.ts';
import { HostRefusal } from './HostRefusal.ts';

export function greetingOf(adapter: Adapter): Greeting {
  const runsOn = adapter.runsOn ?? DEFAULT_RUNS_ON;
  if (runsOn.live !== 'postgres' || runsOn.ownConnections === true) {
    const where = runsOn.live === null ? 'has no live form' : runsOn.ownConnections ? 'opens its connections from an address of its own' : `runs on ${runsOn.live}`;
    throw new HostRefusal(UNAVAILABLE_ERROR_TYPE, `adapter ${adapter.name} ${where}: the Node host runs adapters whose pools connect through backend.connect() or drivers.pgClient, on PostgreSQL`);
  }
  const { promiseLibrary: _native, ...capabilities } = adapter.capabilities;
  return {
    protocol: PROTOCOL_VERSION,
    name: adapter.name,
    pool: { name: adapter.pool.name, version: adapter.pool.version },
    capabilities,
    ...(adapter.claims === undefined ? {} : { claims: adapter.claims }),
    ...(adapter.knownGaps === undefined ? {} : { knownGaps: adapter.knownGaps }),
    runsOn: { model: false, live: 'postgres' },
    notes: `poolcheck's in-process adapter ${adapter.name} in a Node host process, its pool on pg ${installedVersion('pg', import.meta.url)} clients; a forked child builds each pool anew, as a Node cluster worker does`,
  };
}
