// A workload as readable steps, for failure reports.
import type { Capabilities } from '../adapter/Adapter.ts';
import type { Counterexample } from '../runner/Verdict.ts';
import type { ConnectStep } from './ConnectStep.ts';
import type { Task } from './Workload.ts';
import { formatForkWorkload } from '../fork/formatForkWorkload.ts';
import { isForkWorkload } from '../fork/ForkWorkload.ts';

const ms = (n: number | null): string => (n === null ? 'none' : `${n} ms`);
const seconds = (n: number): string => (n % 1000 === 0 ? `${n / 1000} s` : `${n} ms`);

/**
 * The acquire timeout the pool ran with. No timeout configured is "none" only for a pool that
 * then has none: one whose timeout cannot be turned off runs with its own default (tarn's 30 s).
 */
function acquireTimeout(configured: number | null, declared: Capabilities['acquireTimeout']): string {
  if (configured !== null) return ms(configured);
  return declared?.defaultMs ? `the pool's default (${seconds(declared.defaultMs)})` : 'none';
}

const CONNECT: Record<ConnectStep['outcome'], (ms: number) => string> = {
  ok: (n) => `succeeds after ${n} ms`,
  fail: (n) => `fails after ${n} ms`,
  stall: () => 'stalls, then fails',
  hang: () => 'never answers (the host swallows its packets)',
  slow: (n) => `succeeds slowly, after ${n} ms`,
};

function formatTask(task: Task, index: number, tasks: readonly Task[]): string {
  const sameTurn = task.together && index > 0 && tasks[index - 1]!.start === task.start;
  const who = `t${index + 1} at ${task.start} ms${sameTurn ? `, in the same turn as t${index}` : ''}:`;
  if (task.kind === 'query') {
    const arg = task.sql === 'bad-args' ? 'undefined' : JSON.stringify(task.sql === 'ok' ? 'select 1' : task.sql);
    return `${who} pool.query(${arg})${task.sql === 'throw' ? ' (the driver throws synchronously)' : ''}`;
  }
  const steps = [
    `acquire${task.timeoutMs === null ? '' : ` (own timeout ${task.timeoutMs} ms)`}`,
    `hold ${task.holdMs} ms`,
    ...(task.use ? ['run a query'] : []),
    task.end === 'double-release' ? 'release twice' : task.end,
  ];
  return `${who} ${steps.join(', ')}`;
}

export function formatWorkload({ workload: w, ties }: Counterexample, capabilities: Pick<Capabilities, 'acquireTimeout'>): string[] {
  if (isForkWorkload(w)) return formatForkWorkload(w);
  const c = w.config;
  const lines = [
    `pool: size ${c.size}, maxOverflow ${c.maxOverflow}, acquireTimeout ${acquireTimeout(c.acquireTimeoutMs, capabilities.acquireTimeout)}, idleTimeout ${ms(c.idleTimeoutMs)}, min ${c.min}`,
    `server: connects take ${w.defaultConnectMs} ms${w.connects.length ? '; then, in order: ' + w.connects.map((s, i) => `connect #${i + 1} ${CONNECT[s.outcome](s.ms)}`).join(', ') : ''}`,
    ...(w.pingMs ? [`server: a ping (the pool's validation) takes ${w.pingMs} ms`] : []),
    ...w.tasks.map(formatTask),
    ...w.kills.map((k) => `at ${k.at} ms: the server kills connection #${k.nth}`),
    ...(w.closeAt === null ? [] : [`at ${w.closeAt} ms: close the pool`]),
    ...(w.promise === 'deferring' ? ['promises: the pool runs on a deferring Promise (then callbacks run on a later macrotask, as bluebird\'s)'] : []),
  ];
  if (ties.some((t) => t !== 0)) lines.push(`ties at the same instant resolved as [${ties.join(', ')}] (0 = Node's own order)`);
  return lines;
}
