// Bug: the declaration, not the pool. The control OwnConnectionPool (pg-pool's behaviour: a
// caller at free capacity gets the connection opened for it, whenever that connect finishes)
// declared fifo 'every-caller': two callers at free capacity are served in the order their
// connects finish, not the order they came in. Caught by WAIT-2, which is why pg-pool declares
// 'when-full'.
import { brokenAdapter } from './brokenAdapter.ts';
import { OwnConnectionPool } from './OwnConnectionPool.ts';

export const adapter = brokenAdapter('own-connection-claims-every-caller', OwnConnectionPool, { fifo: 'every-caller' });
export const breaks: string[] = ['WAIT-2'];
