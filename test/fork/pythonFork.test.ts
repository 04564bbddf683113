// Fork mode end to end with the Python process adapters, against the machine's PostgreSQL, on
// hand-written workloads whose outcome does not depend on timing: a child that borrows from the
// QueuePool it inherited gets the parent's session (FORK-1), the documented after-fork step,
// NullPool and a psycopg_pool built after the fork keep every process on sessions of its own (and
// each process's pool exclusive and bounded), a pool without a bound breaks FORK-2 and BOUND-1
// inside a process, a child that shares one session among its borrowers breaks EXCL-1 there, and
// a child that announces itself wrongly is an error of the run. After every run no adapter process, session or socket file is left.
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noSessionAcrossProcesses } from '../../src/checkers/noSessionAcrossProcesses.ts';
import { sessionsAcrossProcesses } from '../../src/checkers/sessionsAcrossProcesses.ts';
import { connectionBound } from '../../src/checkers/connectionBound.ts';
import { exclusiveCheckout } from '../../src/checkers/exclusiveCheckout.ts';
import { inEachProcess } from '../../src/fork/perProcess.ts';
import type { ForkWorkload } from '../../src/fork/ForkWorkload.ts';
import { manifestForkHost } from '../../src/fork/manifestForkHost.ts';
import { openForkRunner, type ForkRecord, type ForkRunner } from '../../src/fork/openForkRunner.ts';
import { runTag } from '../../src/live/witness/runTag.ts';
import { portAnswers } from '../live/portAnswers.ts';
import { LOCAL_PG } from '../live/localPg.ts';
import { pythonHas } from '../process/pythonHas.ts';

const skip = !pythonHas('sqlalchemy, psycopg2, psycopg_pool') ? 'no /usr/bin/python3 with SQLAlchemy, psycopg2 and psycopg_pool' : !(await portAnswers(5432)) ? 'nothing answers on 127.0.0.1:5432' : null;
if (skip) console.warn(`fork mode's Python tests skipped: ${skip}`);

const adapter = (path: string) => fileURLToPath(new URL(`../../adapters/${path}.adapter.json`, import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}.adapter.json`, import.meta.url));
const exclusiveInEach = inEachProcess(exclusiveCheckout('EXCL-1'));
const boundInEach = inEachProcess(connectionBound);
const task = { startMs: 0, holdMs: 0, reads: 1, rounds: 1 };

/** The parent opens two sessions and gives both back; only c1 borrows after the fork. */
const inheritIdle: ForkWorkload = {
  kind: 'fork',
  config: { size: 2, maxOverflow: 0, acquireTimeoutMs: 1000, idleTimeoutMs: null, min: 0 },
  warm: 2,
  heldAtFork: 0,
  children: [[task], []],
  parent: [],
};

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe.skipIf(skip)('fork mode with Python adapters', () => {
  let runner: ForkRunner;
  let admin: pg.Client;
  beforeAll(async () => {
    runner = await openForkRunner(LOCAL_PG);
    admin = new pg.Client(LOCAL_PG.url);
    await admin.connect();
  });
  afterAll(async () => {
    await runner?.close();
    await admin?.end();
  });

  async function run(manifest: string, workload: ForkWorkload): Promise<ForkRecord> {
    const ours = () => readdirSync(tmpdir()).filter((f) => f.startsWith(`poolcheck-fork-${process.pid}-`));
    const record = await runner.run(manifestForkHost(manifest), workload);
    // Nothing left: no process of the run, no session with its tag, no socket directory.
    for (const pid of Object.values(record.processes)) await expect.poll(() => alive(pid), { timeout: 3_000 }).toBe(false);
    const { rows } = await admin.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where application_name = $1', [runTag(runner.runId)]);
    expect(rows[0]!.n).toBe(0);
    expect(ours()).toEqual([]);
    return record;
  }

  it("QueuePool without the after-fork step: the child's statement runs on the parent's session (FORK-1)", async () => {
    const record = await run(adapter('sqlalchemy/queuepool'), inheritIdle);
    expect(record.errors).toEqual([]);
    expect(Object.keys(record.processes)).toEqual(['main', 'c1', 'c2']);
    expect(record.history.filter((e) => e.kind === 'fork').map((e) => e.task)).toEqual(['c1', 'c2']);
    const [violation] = noSessionAcrossProcesses(record);
    expect(violation?.message).toMatch(new RegExp(`from the parent \\(pid ${record.processes.main}\\), task main\\.w[12] .* and from child c1 \\(pid ${record.processes.c1}\\), task c1\\.t1`));
    expect(sessionsAcrossProcesses(record)).toEqual([]);
  });

  for (const path of ['sqlalchemy/queuepool-dispose', 'sqlalchemy/nullpool', 'psycopg-pool/psycopg-pool']) {
    it(`${path}: the child borrows a session of its own, and the parent's stay the parent's`, async () => {
      const record = await run(adapter(path), inheritIdle);
      expect(record.errors).toEqual([]);
      expect(noSessionAcrossProcesses(record)).toEqual([]);
      expect(sessionsAcrossProcesses(record)).toEqual([]);
      expect(exclusiveInEach(record)).toEqual([]);
      expect(boundInEach(record)).toEqual([]);
      const childReads = record.history.filter((e) => e.task === 'c1.t1' && e.kind === 'use' && e.phase === 'ok');
      expect(childReads).toHaveLength(1);
    });
  }

  it('a pool that never closes a session opens more than processes × capacity (FORK-2)', async () => {
    const record = await run(fixture('leaky'), { ...inheritIdle, config: { ...inheritIdle.config, size: 1 }, warm: 1, children: [[task], [task]], parent: [task, task] });
    expect(record.errors).toEqual([]);
    const [violation] = sessionsAcrossProcesses(record);
    expect(violation?.message).toMatch(/^4 sessions were open at .*: more than 3 processes × \(size 1 \+ maxOverflow 0\) = 3$/);
  });

  it('a pool that never closes a session breaks its bound inside the child that borrows twice (BOUND-1 in each process)', async () => {
    const record = await run(fixture('leaky'), { ...inheritIdle, config: { ...inheritIdle.config, size: 1 }, warm: 1, children: [[{ ...task, rounds: 2 }], []] });
    expect(record.errors).toEqual([]);
    const [violation] = boundInEach(record);
    expect(violation?.message).toMatch(new RegExp(`^in child c1 \\(pid ${record.processes.c1}\\): 2 connections were open at .*, above size \\+ maxOverflow = 1$`));
  });

  // Both of c1's borrowers acquire at once and hold for a second: the second is handed the session
  // long before the first gives it back, whatever the machine's load.
  it('a child that hands one session to two borrowers at once breaks EXCL-1 there, and the parent keeps it', async () => {
    const hold = { ...task, holdMs: 1_000 };
    const record = await run(fixture('shared-in-child'), { ...inheritIdle, children: [[hold, hold], []], parent: [hold, hold] });
    expect(record.errors).toEqual([]);
    const [violation] = exclusiveInEach(record);
    expect(violation?.message).toMatch(new RegExp(`^in child c1 \\(pid ${record.processes.c1}\\): c1\\.t[12] was given connection c\\d+ at .* while c1\\.t[12] still held it`));
    expect(noSessionAcrossProcesses(record)).toEqual([]);
  });

  it('a child that announces itself under another name is an error of the run, and nothing is judged on it', async () => {
    const record = await run(fixture('bad-announce'), inheritIdle);
    expect(record.errors).toHaveLength(1);
    expect(record.errors[0]).toMatch(/child c1: expected its first line to be \{"event":"child","child":"c1","pid":\d+\}, got .*someone-else/);
  });
});
