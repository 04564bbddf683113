// Bug (of the declaration): a pool whose acquire timeout covers only the queue (QueueOnlyPool),
// declared `covers: 'whole-acquire'`. A caller whose connect is slow is served, or gets the
// connect's error, after its deadline, as the pool documents. Caught by TIME-1, which is why the
// capability says what the timeout covers.
import { brokenAdapter } from './brokenAdapter.ts';
import { QueueOnlyPool } from './QueueOnlyPool.ts';

export const adapter = brokenAdapter('queue-only-declared-whole', QueueOnlyPool, { acquireTimeout: { covers: 'whole-acquire', defaultMs: null } });
export const breaks: string[] = ['TIME-1'];
