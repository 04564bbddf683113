// A fork-mode workload as readable steps, for failure reports.
import type { ForkTask, ForkWorkload } from './ForkWorkload.ts';

function formatTask(name: string, t: ForkTask): string {
  return `${name} at ${t.startMs} ms: acquire, read the session ${t.reads === 1 ? 'once' : `${t.reads} times`}, hold ${t.holdMs} ms, release${t.rounds === 1 ? '' : `; ${t.rounds} times over`}`;
}

export function formatForkWorkload(w: ForkWorkload): string[] {
  const c = w.config;
  const kept = w.warm - w.heldAtFork;
  return [
    `pool: size ${c.size}, maxOverflow ${c.maxOverflow}, acquireTimeout ${c.acquireTimeoutMs === null ? 'none' : `${c.acquireTimeoutMs} ms`}`,
    `main (the parent): ${w.warm} borrower(s) acquire at once and read their session; ${kept} give back, ${w.heldAtFork} still hold when the children start`,
    `main forks ${w.children.length} children, c1${w.children.length > 2 ? ` to c${w.children.length}` : ' and c2'}, one after the other; then, all together:`,
    ...w.parent.map((t, j) => `  ${formatTask(`main.t${j + 1}`, t)}`),
    ...w.children.flatMap((tasks, i) => tasks.map((t, j) => `  ${formatTask(`c${i + 1}.t${j + 1}`, t)}`)),
    `then main gives back what it held; each child closes its pool and ends; main closes its pool`,
  ];
}
