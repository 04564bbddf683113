/** The parent process's label in task names and reports; children are `c1`, `c2`, ... */
export const PARENT = 'main';

/** The process a fork-mode task belongs to: `c2` of `c2.t1`, `main` of `main.w3`. */
export function processOf(task: string): string {
  const dot = task.indexOf('.');
  return dot === -1 ? task : task.slice(0, dot);
}
