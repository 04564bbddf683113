// Bug: lifo-waiters (a new waiter joins the front of the queue) declaring fifo 'when-full': its
// waiters at full capacity are served last come, first served too, so the narrower promise does
// not excuse it. Caught by WAIT-2.
import * as lifoWaiters from './lifoWaiters.ts';

export const adapter = {
  ...lifoWaiters.adapter,
  name: 'lifo-waiters-when-full',
  pool: { name: 'poolcheck broken pool lifo-waiters-when-full', version: '1' },
  capabilities: { ...lifoWaiters.adapter.capabilities, fifo: 'when-full' as const },
};
export const breaks: string[] = ['WAIT-2'];
