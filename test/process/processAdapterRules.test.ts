// Rules judge a process adapter end to end: loadAdapter takes a manifest, judgeIsolated runs the
// rule in live mode on the machine's PostgreSQL, and every acquire, release and close goes over
// the channel to a Node program (fixtures/pgPoolAdapter.mjs) whose pool opens its own `pg`
// connections through poolcheck's per-workload fault proxy. A correct pool passes EXCL-1 and
// BOUND-1; one that lends a connection already checked out fails EXCL-1 with a counterexample;
// one whose process dies mid-run has its rule `errored`, naming the exit and quoting its stderr.
// Whatever the run started is gone afterwards: every adapter process (each logs its pid) and
// every session of the run (each pool logs its application_name) on the server.
// Skipped, with the reason, when nothing answers on 127.0.0.1:5432.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadAdapter } from '../../src/adapter/loadAdapter.ts';
import { judgeIsolated } from '../../src/isolation/judgeIsolated.ts';
import type { Database } from '../../src/live/database/Database.ts';
import { databaseAddress, provisionPostgres } from '../../src/live/database/index.ts';
import { resolveRunOptions } from '../../src/options/resolveRunOptions.ts';
import type { AdapterReport } from '../../src/runner/AdapterReport.ts';
import type { Verdict } from '../../src/runner/Verdict.ts';
import { portAnswers } from '../live/portAnswers.ts';
import { gone } from './fakeAdapters.ts';
import type { Workload } from '../../src/workload/Workload.ts';

const PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const manifest = (name: string): string => fileURLToPath(new URL(`./fixtures/manifests/${name}.adapter.json`, import.meta.url));

const skip = (await portAnswers(5432)) ? null : 'nothing answers on 127.0.0.1:5432 (PostgreSQL, user postgres, trust auth)';
if (skip) console.warn(`process adapter rule tests skipped: ${skip}`);

/** A live run of one rule: worker thread start, connect measure, three workloads, shrinking. */
const LIVE_RULE_MS = 60_000;

describe.skipIf(skip !== null)(`rules judge a process adapter through the channel, on the machine's PostgreSQL${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let database: Database;
  let admin: pg.Client;
  let dir: string;
  let log: string;

  /** What the adapter processes of this test wrote: their pids, and the tags of the pools they made. */
  const logged = (): { pids: number[]; tags: string[] } => {
    let text = '';
    try {
      text = readFileSync(log, 'utf8');
    } catch {
      // No process wrote anything.
    }
    const lines = text.split('\n').filter(Boolean);
    const after = (word: string) => lines.filter((l) => l.startsWith(`${word} `)).map((l) => l.slice(word.length + 1));
    return { pids: after('pid').map(Number), tags: [...new Set(after('tag'))] };
  };

  /** Sessions on the server tagged with one of these runs: the pools' (`poolcheck:<run>`) and the witnesses' (`poolcheck-admin:<run>`). */
  const sessionsOf = async (tags: readonly string[]): Promise<string[]> => {
    const names = tags.flatMap((tag) => [tag, tag.replace(/^poolcheck:/, 'poolcheck-admin:')]);
    const { rows } = await admin.query<{ s: string }>(`select application_name || ' pid ' || pid as s from pg_stat_activity where application_name = any($1::text[])`, [names]);
    return rows.map((r) => r.s);
  };

  /** One rule in live mode, quick profile: 3 workloads, and 5 s at most exploring and shrinking. */
  async function judge(name: string, rule: string, seed = 1): Promise<AdapterReport> {
    const loaded = await loadAdapter(manifest(name));
    try {
      const options = resolveRunOptions({ mode: 'live', profile: 'quick', rules: [rule], seed });
      return await judgeIsolated(loaded, options, {}, { database: databaseAddress(database) });
    } finally {
      await loaded.dispose?.();
    }
  }

  const only = (report: AdapterReport): Verdict => {
    expect(report.mode).toBe('live');
    expect(report.verdicts).toHaveLength(1);
    return report.verdicts[0]!;
  };

  beforeAll(async () => {
    database = await provisionPostgres(PG_URL);
    admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    dir = mkdtempSync(join(tmpdir(), 'poolcheck-process-rules-'));
  });

  afterAll(async () => {
    await admin?.end();
    await database?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  let tests = 0;
  beforeEach(() => {
    // Inherited by the worker thread, and by the adapter processes it starts.
    log = join(dir, `processes-${++tests}.log`);
    process.env.POOLCHECK_TEST_PROCESS_LOG = log;
  });

  afterEach(async () => {
    delete process.env.POOLCHECK_TEST_PROCESS_LOG;
    // Nothing of the run is left: no adapter process, no tagged session.
    const { pids, tags } = logged();
    // At the least the greeting at load, and the process that judged the rule.
    expect(pids.length).toBeGreaterThanOrEqual(2);
    expect(tags.length).toBeGreaterThanOrEqual(1);
    for (const tag of tags) expect(tag).toMatch(/^poolcheck:[A-Za-z0-9_-]+$/);
    for (const pid of pids) expect(await gone(pid, 5_000), `adapter process ${pid} is still running`).toBe(true);
    // The server needs a moment to see the sockets of a process that died closed.
    await expect.poll(() => sessionsOf(tags), { timeout: 5_000, interval: 100 }).toEqual([]);
  });

  it('a correct pool passes EXCL-1', { timeout: LIVE_RULE_MS }, async () => {
    const report = await judge('pgPoolCorrect', 'EXCL-1');
    expect(report).toMatchObject({ adapter: 'pg-fifo-correct', pool: { name: 'pgPoolAdapter (a test fixture)' } });
    expect(report.live?.database).toMatchObject({ provision: 'url', serverVersion: expect.stringMatching(/^PostgreSQL /) });
    const verdict = only(report);
    expect(verdict, JSON.stringify(verdict)).toMatchObject({ rule: 'EXCL-1', status: 'passed' });
    expect(verdict.status === 'passed' && verdict.runs).toBeGreaterThan(0);
  });

  it('a correct pool passes BOUND-1', { timeout: LIVE_RULE_MS }, async () => {
    const verdict = only(await judge('pgPoolCorrect', 'BOUND-1'));
    expect(verdict, JSON.stringify(verdict)).toMatchObject({ rule: 'BOUND-1', status: 'passed' });
  });

  it('a pool that lends a connection already checked out fails EXCL-1, with a counterexample', { timeout: LIVE_RULE_MS }, async () => {
    // Seed 2's first workload already has a borrower queue at capacity (seed 1's only its 6th,
    // beyond the quick profile's 3 live workloads).
    const verdict = only(await judge('pgPoolShares', 'EXCL-1', 2));
    expect(verdict.status, JSON.stringify(verdict)).toBe('failed');
    if (verdict.status !== 'failed') return;
    expect(verdict.violation).toMatchObject({ rule: 'EXCL-1', message: expect.stringMatching(/^t\d+ was given connection c\d+ at .* while t\d+ still held it/) });
    // A workload to replay, with the two borrowers at the least, and the history that shows them sharing.
    expect((verdict.counterexample.workload as Workload).tasks.length).toBeGreaterThanOrEqual(2);
    expect(verdict.history.filter((e) => e.kind === 'acquire' && e.phase === 'ok').length).toBeGreaterThanOrEqual(2);
  });

  it('an adapter whose process dies has its rule errored, naming the exit and quoting its stderr', { timeout: LIVE_RULE_MS }, async () => {
    const verdict = only(await judge('pgPoolDiesOnThirdAcquire', 'EXCL-1'));
    expect(verdict.status, JSON.stringify(verdict)).toBe('errored');
    if (verdict.status !== 'errored') return;
    expect(verdict.message).toMatch(/the process exited with code 3 before answering `acquire` \(request \d+\)/);
    expect(verdict.message).toContain('pgPoolAdapter: acquire number 3 received, exiting with status 3 as this fixture does on purpose');
  });
});
