// How long a real connect takes here, measured now: a run whose acquire timeout is shorter than
// that cannot be asked to open new connections in time (see fullCapacityAgain).
import pg from 'pg';
import { connectionIdentity } from './witness/connectionIdentity.ts';
import { pgTaggedConfig } from './witness/pgTaggedConfig.ts';

/** The slowest of `samples` tagged connects (with the identity query a live connect makes), real ms. */
export async function measureConnect(url: string, runId: string, samples = 5): Promise<number> {
  let worst = 0;
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    // Tagged as the witness's own, not as the pool's: these sessions are not part of any run.
    const client = new pg.Client(pgTaggedConfig(url, runId, 'admin'));
    try {
      await client.connect();
      await connectionIdentity(client);
      worst = Math.max(worst, performance.now() - started);
    } finally {
      await client.end().catch(() => {});
    }
  }
  return worst;
}
