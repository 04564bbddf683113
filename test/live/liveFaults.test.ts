// Live faults on PostgreSQL: the pool's sessions go through the runner's fault proxy, where the
// workload's scripted connect failures and stalls really happen, so ERR-1 and ERR-2 are judged on
// pg's own errors. Embedded PostgreSQL always; the machine's PostgreSQL too when it answers.
import { once } from 'node:events';
import net from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceAdapter } from '../../adapters/reference/index.ts';
import type { Adapter } from '../../src/adapter/Adapter.ts';
import type { HistoryEvent } from '../../src/history/History.ts';
import type { Database } from '../../src/live/database/Database.ts';
import { provisionPostgres } from '../../src/live/database/index.ts';
import { openPgLiveRunner, type PgLiveRunner } from '../../src/live/openPgLiveRunner.ts';
import { violationsIn } from '../../src/checkers/violationsIn.ts';
import { checkRule } from '../../src/runner/checkRule.ts';
import type { WorkloadRunner } from '../../src/runner/WorkloadRunner.ts';
import { suiteFor } from '../../suites/ruleSuites.ts';
import { adapter as destroyedHandedOutAgain } from '../broken/destroyedHandedOutAgain.ts';
import { adapter as failedConnectKeepsSlot } from '../broken/failedConnectKeepsSlot.ts';
import { adapter as killedHandedOut } from '../broken/killedHandedOut.ts';
import { portAnswers } from './portAnswers.ts';

const LOCAL_PG = 'postgres://postgres@127.0.0.1:5432/postgres';
const localPg = await portAnswers(5432);

/** The runner, keeping every history it ran. */
function recording(runner: PgLiveRunner): { runner: WorkloadRunner; histories: HistoryEvent[][] } {
  const histories: HistoryEvent[][] = [];
  return {
    histories,
    runner: {
      ...runner,
      async run(adapter, workload, ties) {
        const record = await runner.run(adapter, workload, ties);
        histories.push([...record.history]);
        return record;
      },
    },
  };
}

async function taggedSessions(url: string, runId: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(`select count(*) as n from pg_stat_activity where application_name = $1`, [`poolcheck:${runId}`]);
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}

const judge = (adapter: Adapter, rule: string, runner: WorkloadRunner, seed: number, numRuns: number) =>
  checkRule(adapter, suiteFor(rule)!, { numRuns, seed, path: null, runner });

function faultSuite(name: string, open: () => Promise<Database>, stopAfter: boolean) {
  describe(name, () => {
    let database: Database;
    let runner: PgLiveRunner;

    beforeAll(async () => {
      database = await open();
      runner = await openPgLiveRunner(database);
    }, 60_000);

    afterAll(async () => {
      await runner?.close();
      if (stopAfter) await database?.stop();
    });

    it('the reference pool keeps ERR-1 and ERR-2 at several seeds, with the faults made at the proxy and pg errors in the history', async () => {
      const before = runner.proxy.stats();
      const { runner: recorder, histories } = recording(runner);
      for (const seed of [1, 2, 3]) {
        for (const rule of ['ERR-1', 'ERR-2']) {
          expect(await judge(referenceAdapter, rule, recorder, seed, 3), `${rule} at seed ${seed}`).toMatchObject({ status: 'passed' });
        }
      }
      const events = histories.flat();
      const scripted = (outcome: string) => events.filter((e) => e.kind === 'connect' && e.phase === 'invoke' && e.note === outcome).length;
      const after = runner.proxy.stats();
      const refused = after.refused - before.refused;
      const stalled = after.stalled - before.stalled;
      // The faults happened at the network, never more than were scripted.
      expect(scripted('fail')).toBeGreaterThan(0);
      expect(scripted('stall')).toBeGreaterThan(0);
      expect(refused).toBeGreaterThan(0);
      expect(stalled).toBeGreaterThan(0);
      expect(refused).toBeLessThanOrEqual(scripted('fail'));
      // A slow connect is held at the proxy too (then forwarded), and a hang until the run ends.
      expect(stalled).toBeLessThanOrEqual(scripted('stall') + scripted('slow') + scripted('hang'));
      // Each failed connect carries pg's own error, not one poolcheck made up.
      const failed = events.filter((e) => e.kind === 'connect' && e.phase === 'fail');
      expect(failed.length).toBeGreaterThanOrEqual(refused);
      for (const e of failed) expect(e.error?.message).not.toMatch(/^connect c\d+ (refused|timed out at the network)$/);
      expect(failed.map((e) => e.error?.message)).toContain('read ECONNRESET');
      // The borrowers that got a connect error got that same error.
      const borrowerErrors = events.filter((e) => e.kind === 'acquire' && e.phase === 'fail' && e.error?.class === 'connect');
      for (const e of borrowerErrors) expect(failed.some((c) => e.error!.message.includes(c.error!.message))).toBe(true);
    }, 240_000);

    it('a pool whose failed connects keep their slot is caught by ERR-1', async () => {
      const verdict = await judge(failedConnectKeepsSlot, 'ERR-1', runner, 1, 10);
      expect(verdict.status).toBe('failed');
      if (verdict.status !== 'failed') return;
      expect(verdict.violation.rule).toBe('ERR-1');
      // The failing run's connect failures are pg's, from the proxy.
      const failed = verdict.history.filter((e) => e.kind === 'connect' && e.phase === 'fail');
      expect(failed.length).toBeGreaterThan(0);
      expect(failed.map((e) => e.error?.message)).toContain('read ECONNRESET');
    }, 120_000);

    it('pools that hand out killed or destroyed sessions are caught by ERR-2', async () => {
      // Workloads written for each, caught on any machine: generated ones need the right kill or
      // destroy before a later borrow within 10 runs, which a busy machine once did not give.
      const base = { config: { size: 1, maxOverflow: 0, acquireTimeoutMs: null, idleTimeoutMs: null, min: 0 }, defaultConnectMs: 0, connects: [], closeAt: null, promise: 'native' } as const;
      const borrow = (start: number, end: 'release' | 'destroy') => ({ kind: 'borrow', start, together: false, timeoutMs: null, holdMs: 5, use: false, end }) as const;
      const cases = [
        { broken: killedHandedOut, workload: { ...base, kills: [{ at: 30, nth: 1 }], tasks: [borrow(0, 'release'), borrow(60, 'release')] } },
        { broken: destroyedHandedOutAgain, workload: { ...base, kills: [], tasks: [borrow(0, 'destroy'), borrow(30, 'release')] } },
      ];
      for (const { broken, workload } of cases) {
        const run = await runner.run(broken, workload, []);
        expect(violationsIn(suiteFor('ERR-2')!.check(run)).map((v) => v.rule), broken.name).toContain('ERR-2');
      }
    }, 180_000);

    it('leaves nothing open: after close the proxy holds no connection and refuses new ones, and no session of the run is left', async () => {
      const { runner: recorder } = recording(runner);
      await judge(referenceAdapter, 'ERR-1', recorder, 4, 2);
      expect(runner.proxy.unpaired).toBe(0);
      expect(runner.proxy.stats().live).toBe(0);
      const runId = runner.runId;
      await runner.close();
      expect(runner.proxy.stats().live).toBe(0);
      const late = net.connect({ host: '127.0.0.1', port: runner.proxy.port });
      await expect(once(late, 'connect')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      expect(await taggedSessions(database.url, runId)).toBe(0);
      runner = undefined as unknown as PgLiveRunner; // closed here, not again in afterAll
    }, 120_000);
  });
}

faultSuite('live faults on embedded PostgreSQL', () => provisionPostgres('embedded'), true);

describe.runIf(localPg)("live faults on the machine's PostgreSQL", () => {
  let database: Database;
  let runner: PgLiveRunner;
  beforeAll(async () => {
    database = await provisionPostgres(LOCAL_PG);
    runner = await openPgLiveRunner(database);
  }, 60_000);
  afterAll(() => runner?.close());

  it('the reference pool keeps ERR-1 and ERR-2 through the proxy', async () => {
    for (const rule of ['ERR-1', 'ERR-2']) expect(await judge(referenceAdapter, rule, runner, 1, 3), rule).toMatchObject({ status: 'passed' });
    expect(runner.proxy.stats().refused).toBeGreaterThan(0);
  }, 120_000);
});
