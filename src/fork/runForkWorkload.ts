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
import type { ErrorClass } from '../adapter/Adapter.ts';
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
import { PARENT } from './processOf.ts';
import { within } from './within.ts';
import type { ForkTask, ForkWorkload } from './ForkWorkload.ts';

/**
 * Real ms a pool's call may take before the run goes on without it: the pool's acquire timeout is
 * 1 s there, and a statement on loopback takes milliseconds, so a call this late is blocked (a
 * statement on a socket another process read from, a lock another thread held at the fork).
 */
export const STEP_MS = 5_000;
/** Real ms after which an unanswered request breaks the channel (the adapter itself is stuck). */
export const FORK_REQUEST_DEADLINE_MS = 20_000;


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

/** A pool's call that did not return within STEP_MS. */
class Unanswered extends Error {}
const unanswered = () => new Unanswered(`no answer within ${STEP_MS / 1000} s: the adapter's thread is still blocked in the pool's call`);

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

  /**
   * One request of a borrower or a process, recorded under `op`: its `ok`, or null when the pool
   * answered with an error or did not answer within STEP_MS (both recorded as the op's failure;
   * `hung` says which). A statement on a socket another process wrote to can wait for ever: the
   * adapter's thread stays blocked, the run goes on without it, and `bye` ends it at the close.
   */
  const step = async <T>(sent: Promise<T>, fail: (error: { class: ErrorClass; message: string }) => void): Promise<{ ok: T } | { hung: boolean }> => {
    try {
      return { ok: await within(sent, STEP_MS, unanswered) };
    } catch (error) {
      if (error instanceof ProcessAdapterError) fail({ class: error.errorClass, message: `${error.type}: ${error.message}` });
      else if (error instanceof Unanswered) fail({ class: 'other', message: error.message });
      else throw error;
      return { hung: error instanceof Unanswered };
    }
  };

  /** One borrower on one process's channel: acquire, then read the session `reads` times; null when it has no lease to give back. */
  const borrow = async (ch: ProcessChannel, pool: Handle, task: string, reads: number): Promise<Lease | null> => {
    const op = history.invoke(task, 'acquire');
    const acquired = await step(ch.request('acquire', { pool, task }, deadline), (e) => history.fail(op, task, 'acquire', e));
    if (!('ok' in acquired)) return null;
    const lease = { handle: acquired.ok.lease, conn: await database.connection(acquired.ok.session) };
    history.ok(op, task, 'acquire', { conn: lease.conn.id });
    for (let i = 0; i < reads; i++) if (!(await read(ch, task, lease))) return null;
    return lease;
  };

  /** A statement on the lease whose answer, from the server, names the session that ran it; false when it never came back. */
  const read = async (ch: ProcessChannel, task: string, lease: Lease): Promise<boolean> => {
    const op = history.invoke(task, 'use', { conn: lease.conn.id, note: SESSION_READ });
    const answered = await step(ch.request('session', { lease: lease.handle }, deadline), (e) => history.fail(op, task, 'use', e, { conn: lease.conn.id }));
    if (!('ok' in answered)) return !answered.hung;
    const { session } = answered.ok;
    const ran = await database.connection(session);
    history.ok(op, task, 'use', { conn: ran.id, note: `the server answered: session ${session.pid} started ${session.start}` });
    return true;
  };

  const release = async (ch: ProcessChannel, pool: Handle, task: string, lease: Lease): Promise<void> => {
    const op = history.invoke(task, 'release', { conn: lease.conn.id });
    const released = await step(ch.request('release', { pool, lease: lease.handle }, deadline), (e) => history.fail(op, task, 'release', e, { conn: lease.conn.id }));
    if ('ok' in released) history.ok(op, task, 'release', { conn: lease.conn.id });
  };

  const closePool = async (ch: ProcessChannel, pool: Handle, process: string): Promise<void> => {
    const task = `${process}.close`;
    const op = history.invoke(task, 'close');
    const closed = await step(ch.request('close', { pool }, deadline), (e) => history.fail(op, task, 'close', e));
    if ('ok' in closed) history.ok(op, task, 'close');
  };

  const runTask = async (ch: ProcessChannel, pool: Handle, name: string, task: ForkTask): Promise<void> => {
    await sleep(task.startMs);
    for (let round = 0; round < task.rounds; round++) {
      const lease = await borrow(ch, pool, name, task.reads);
      if (lease === null) return;
      await sleep(task.holdMs);
      await release(ch, pool, name, lease);
    }
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
