// Runs one fork-mode workload (ForkWorkload.ts) against a process adapter, and records it in one
// history: the parent process warms its pool, forks its children while some connections are idle
// and some borrowed, then every process's borrowers run side by side; each borrower's statements
// ask the server which session ran them, and the server's answer is what FORK-1 judges. Tasks are
// named by their process: `main.w1` (the parent's warm-up), `main.t1`, `c2.t1`.
//
// What the pool does (a timeout, a driver error on a garbled connection) is recorded as its
// behaviour; what breaks the harness (a channel fault, a child that never announces itself, a
// session poolcheck never saw open) is an error of the run, which no verdict is built on.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection, DatabaseDriver } from '../adapter/Backend.ts';
import { PoolcheckError } from '../errors.ts';
import { cleanupRegistry } from '../live/database/cleanupRegistry.ts';
import type { History } from '../history/History.ts';
import { ProcessAdapterError } from '../process/ProcessAdapterError.ts';
import type { ProcessChannel } from '../process/ProcessChannel.ts';
import type { Handle } from '../process/protocol.ts';
import { redactUrl } from '../process/redactUrl.ts';
import type { ForkHost } from './ForkHost.ts';
import { forkChild } from './forkChild.ts';
import type { ForkTask, ForkWorkload } from './ForkWorkload.ts';

/**
 * Real ms any request of a fork-mode run may take: the pool's acquire timeout is 1 s there, so a
 * request this late is a process stuck (a lock another thread held at the fork), not a pool waiting.
 */
export const FORK_REQUEST_DEADLINE_MS = 8_000;

/** The parent process's label in task names and reports. */
export const PARENT = 'main';

/** What the statement of a `session` request asks; the adapter runs it as spec/process-protocol.md gives it. */
export const SESSION_READ = 'session read: select pid, backend_start from pg_stat_activity where pid = pg_backend_pid()';

export interface ForkRun {
  /** Each process's OS pid by its label: `main`, `c1`, ... */
  readonly processes: Readonly<Record<string, number>>;
  /** What broke the harness; a run with errors is judged by no rule. */
  readonly errors: readonly string[];
}

const realSetTimeout = globalThis.setTimeout;
const sleep = (ms: number) => new Promise<void>((resolve) => realSetTimeout(resolve, ms));

interface Lease {
  readonly handle: Handle;
  readonly conn: Connection;
}

export async function runForkWorkload(host: ForkHost, workload: ForkWorkload, database: DatabaseDriver, history: History): Promise<ForkRun> {
  const processes: Record<string, number> = {};
  const errors: string[] = [];
  const channels: ProcessChannel[] = [];
  // The children's sockets: a directory named with poolcheck's pid, removed at the run's end, on
  // Ctrl-C, and at exit (the cleanup registry).
  const dir = mkdtempSync(join(tmpdir(), `poolcheck-fork-${process.pid}-`));
  const removeDir = cleanupRegistry.track({
    name: `fork-mode sockets in ${dir}`,
    stop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
    stopNow: () => rmSync(dir, { recursive: true, force: true }),
  });
  const deadline = { deadlineMs: FORK_REQUEST_DEADLINE_MS };
  /** A fault of the harness: recorded once per message, the run goes on to its cleanup. */
  const harness = (error: unknown): void => {
    if (!(error instanceof PoolcheckError)) throw error;
    if (!errors.includes(error.message)) errors.push(error.message);
  };

  /** One borrower on one process's channel: acquire, read the session `reads` times, hold, release. */
  const borrow = async (ch: ProcessChannel, pool: Handle, task: string, reads: number): Promise<Lease | null> => {
    const op = history.invoke(task, 'acquire');
    let lease: Lease;
    try {
      const ok = await ch.request('acquire', { pool, task }, deadline);
      lease = { handle: ok.lease, conn: await database.connection(ok.session) };
    } catch (error) {
      if (!(error instanceof ProcessAdapterError)) throw error;
      history.fail(op, task, 'acquire', { class: error.errorClass, message: `${error.type}: ${error.message}` });
      return null;
    }
    history.ok(op, task, 'acquire', { conn: lease.conn.id });
    for (let i = 0; i < reads; i++) await read(ch, task, lease);
    return lease;
  };

  /** A statement on the lease whose answer, from the server, names the session that ran it. */
  const read = async (ch: ProcessChannel, task: string, lease: Lease): Promise<void> => {
    const op = history.invoke(task, 'use', { conn: lease.conn.id, note: SESSION_READ });
    try {
      const { session } = await ch.request('session', { lease: lease.handle }, deadline);
      const ran = await database.connection(session);
      history.ok(op, task, 'use', { conn: ran.id, note: `the server answered: session ${session.pid} started ${session.start}` });
    } catch (error) {
      if (!(error instanceof ProcessAdapterError)) throw error;
      history.fail(op, task, 'use', { class: error.errorClass, message: `${error.type}: ${error.message}` }, { conn: lease.conn.id });
    }
  };

  const release = async (ch: ProcessChannel, pool: Handle, task: string, lease: Lease): Promise<void> => {
    const op = history.invoke(task, 'release', { conn: lease.conn.id });
    try {
      await ch.request('release', { pool, lease: lease.handle }, deadline);
      history.ok(op, task, 'release', { conn: lease.conn.id });
    } catch (error) {
      if (!(error instanceof ProcessAdapterError)) throw error;
      history.fail(op, task, 'release', { class: error.errorClass, message: `${error.type}: ${error.message}` }, { conn: lease.conn.id });
    }
  };

  const closePool = async (ch: ProcessChannel, pool: Handle, process: string): Promise<void> => {
    const op = history.invoke(`${process}.close`, 'close');
    try {
      await ch.request('close', { pool }, deadline);
      history.ok(op, `${process}.close`, 'close');
    } catch (error) {
      if (!(error instanceof ProcessAdapterError)) throw error;
      history.fail(op, `${process}.close`, 'close', { class: error.errorClass, message: `${error.type}: ${error.message}` });
    }
  };

  const runTask = async (ch: ProcessChannel, pool: Handle, name: string, task: ForkTask): Promise<void> => {
    await sleep(task.startMs);
    const lease = await borrow(ch, pool, name, task.reads);
    if (lease === null) return;
    await sleep(task.holdMs);
    await release(ch, pool, name, lease);
  };

  try {
    const parent = await host.start();
    channels.push(parent);
    redactUrl(parent, database.url);
    processes[PARENT] = parent.pid;
    const { pool } = await parent.request('create', { config: workload.config, database: { kind: database.kind, url: database.url } }, deadline);
    // The warm-up borrows at once (within capacity), reads once, and gives back all but the held.
    const warm = await Promise.all(Array.from({ length: workload.warm }, (_, i) => borrow(parent, pool, `${PARENT}.w${i + 1}`, 1)));
    const held = warm.slice(0, workload.heldAtFork);
    await Promise.all(warm.slice(workload.heldAtFork).map(async (lease, i) => lease && release(parent, pool, `${PARENT}.w${workload.heldAtFork + i + 1}`, lease)));
    // One fork at a time, with nothing else under way in the parent (spec/process-protocol.md).
    const children: ProcessChannel[] = [];
    for (let i = 0; i < workload.children.length; i++) {
      const label = `c${i + 1}`;
      const child = await forkChild(parent, host.label, label, dir, FORK_REQUEST_DEADLINE_MS);
      channels.push(child);
      children.push(child);
      processes[label] = child.pid;
      history.info(label, 'fork', { note: `pid ${child.pid}, forked from ${PARENT} (pid ${parent.pid})` });
    }
    await Promise.all([
      ...workload.parent.map((task, j) => runTask(parent, pool, `${PARENT}.t${j + 1}`, task).catch(harness)),
      ...workload.children.flatMap((tasks, i) => tasks.map((task, j) => runTask(children[i]!, pool, `c${i + 1}.t${j + 1}`, task).catch(harness))),
    ]);
    await Promise.all(held.map(async (lease, i) => lease && release(parent, pool, `${PARENT}.w${i + 1}`, lease)));
    // Children first, as workers end before their master: each closes the pool it has.
    for (const [i, child] of children.entries()) {
      await closePool(child, pool, `c${i + 1}`);
      await child.close();
    }
    await closePool(parent, pool, PARENT);
  } catch (error) {
    harness(error);
  } finally {
    // Children's channels first (`bye`, or their pid ended), then the parent's group, which ends
    // whatever it started.
    for (const ch of channels.slice(1)) await ch.close();
    await channels[0]?.close();
    await removeDir();
  }
  return { processes, errors };
}
