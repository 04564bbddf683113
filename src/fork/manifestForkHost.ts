// A process adapter's fork host: its manifest's command, started and greeted anew for each
// workload; its `fork` forks that process for real (Python's os.fork()).
import { greet } from '../process/greet.ts';
import { readManifest, type Manifest } from '../process/readManifest.ts';
import type { ForkHost } from './ForkHost.ts';

export function manifestForkHost(manifestPath: string, manifest: Manifest = readManifest(manifestPath)): ForkHost {
  return { label: manifestPath, start: async () => (await greet(manifestPath, {}, manifest)).channel };
}
