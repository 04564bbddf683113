// How fork mode starts an adapter: a new process, greeted, for each workload, so that whatever a
// workload's forks leave behind ends with it. A process adapter's host starts its manifest's
// command; an in-process (TypeScript) adapter's starts the Node host (src/fork/node/), which runs
// it as a process adapter whose children are new Node processes with pools of their own.
import type { ProcessChannel } from '../process/ProcessChannel.ts';

export interface ForkHost {
  /** How errors name the adapter. */
  readonly label: string;
  /** A new adapter process, greeted: the parent process of one workload. */
  start(): Promise<ProcessChannel>;
}
