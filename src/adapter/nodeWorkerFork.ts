// What a Node pool claims for fork mode. Node has no fork(): a cluster worker is a new process
// that builds a pool of its own, so FORK-1 and FORK-2 hold by construction unless the pool shares
// something between processes; no Node pool's documentation speaks of it, so the claim is silent.
export const NODE_WORKER_FORK_CLAIM = {
  silent: "Node has no fork(): each worker process (node:cluster, child_process.fork) builds a pool of its own, and the pool's documentation says nothing of processes; judged in worker processes",
} as const;
