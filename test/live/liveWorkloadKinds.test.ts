// The kinds of workload issue 7 item 7 added, made for real: a connect held unanswered at the
// fault proxy (PostgreSQL) or on the socket handed to the driver (MySQL/MariaDB), a failed connect
// followed by one the proxy or the socket lets through late, and a ping that is a real `select 1`
// after the workload's validation latency. Each broken pool is caught by its rule on a workload
// written for it, and the control pool passes the same workload. Live runs generate hangs only
// where the close is not judged (see openLiveRunner.ts); SQLite cannot hang an open at all. The machine's PostgreSQL when it answers, else embedded; the
// machine's MariaDB when it answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceAdapter } from '../../adapters/reference/index.ts';
import type { Adapter } from '../../src/adapter/Adapter.ts';
import type { Database } from '../../src/live/database/Database.ts';
import { provisionMysql, provisionPostgres } from '../../src/live/database/index.ts';
import { openMysqlLiveRunner } from '../../src/live/mysql/openMysqlLiveRunner.ts';
import type { LiveRunner } from '../../src/live/openLiveRunner.ts';
import { openPgLiveRunner } from '../../src/live/openPgLiveRunner.ts';
import { openSqliteLiveRunner } from '../../src/live/sqlite/openSqliteLiveRunner.ts';
import type { Workload } from '../../src/workload/Workload.ts';
import { suiteFor } from '../../suites/ruleSuites.ts';
import { adapter as closeAwaitsConnects } from '../broken/closeAwaitsConnects.ts';
import { adapter as pingPool } from '../broken/PingPool.ts';
import { adapter as pingStopsTheClock } from '../broken/pingStopsTheClock.ts';
import { slowReconnectDroppedAdapter } from '../broken/slowReconnectDropped.ts';
import { LIVE_SCALE } from '../../src/live/openLiveRunner.ts';
import { portAnswers } from './portAnswers.ts';

const LOCAL_PG = 'postgres://postgres@127.0.0.1:5432/postgres';
const MY_URL = 'mysql://root@127.0.0.1:3306/test';
const [pgUp, myUp] = await Promise.all([portAnswers(5432), portAnswers(3306)]);

const borrow = (start: number, holdMs = 0, timeoutMs: number | null = null) =>
  ({ kind: 'borrow', start, together: false, timeoutMs, holdMs, use: false, end: 'release' }) as const;
const base = { size: 1, maxOverflow: 0, acquireTimeoutMs: null, idleTimeoutMs: null, min: 0 } as const;

/** Each kind's workload, on a runner's timeout floor (real connects must fit in its timeouts). */
const kinds = (floor: number) => ({
  // The only connect never answers; close() at 10 ms.
  hang: { config: base, defaultConnectMs: 0, connects: [{ ms: 0, outcome: 'hang' }], kills: [], closeAt: 10, tasks: [borrow(0)], promise: 'native' },
  // The first connect fails (t1 hears of it), the reconnect for t2 comes 80 ms late.
  slow: { config: base, defaultConnectMs: 0, connects: [{ ms: 0, outcome: 'fail' }, { ms: 80 + floor, outcome: 'slow' }], kills: [], closeAt: null, tasks: [borrow(0), borrow(0)], promise: 'native' },
  // t2 waits for t1's connection, whose ping outlasts what is left of t2's timeout.
  ping: {
    config: { ...base, acquireTimeoutMs: floor + 10 },
    defaultConnectMs: 0,
    pingMs: floor + 60,
    connects: [],
    kills: [],
    closeAt: null,
    tasks: [borrow(0, 5), borrow(5)],
    promise: 'native',
  },
}) satisfies Record<string, Workload>;

/** The first violation of `rule` in one live run of `workload`, or null. */
async function judgeOnce(runner: LiveRunner, adapter: Adapter, rule: string, workload: Workload): Promise<string | null> {
  const run = await runner.run(adapter, workload, []);
  expect(run.errors).toEqual([]);
  return suiteFor(rule)!.check(run)[0]?.message ?? null;
}

function kindsOn(name: string, open: () => Promise<LiveRunner>) {
  describe(name, () => {
    let runner: LiveRunner;
    beforeAll(async () => {
      runner = await open();
    }, 120_000);
    afterAll(() => runner?.close());

    it('a connect that never answers: close() that awaits it never settles (CLOSE-1); the reference pool closes', async () => {
      expect(runner.connectHangs).toBe('not-at-close');
      const w = kinds(runner.timeoutFloorMs).hang;
      expect(await judgeOnce(runner, closeAwaitsConnects, 'CLOSE-1', w)).toMatch(/close\(\) from [\d.,]+ ms (never settled|had not settled [\d.,]+ ms after close)/);
      expect(await judgeOnce(runner, referenceAdapter, 'CLOSE-1', w)).toBeNull();
    }, 60_000);

    it('a failed connect, then a slow one: the late connection a pool drops stays open at the server (ERR-1)', async () => {
      const w = kinds(runner.timeoutFloorMs).slow;
      // Its reconnect deadline in real ms: 40 workload ms past the timeout floor (3 x the slowest
      // connect measured), so real reconnects fit in it and only the slow step misses it.
      const deadlineMs = (runner.timeoutFloorMs + 40) * LIVE_SCALE;
      expect(await judgeOnce(runner, slowReconnectDroppedAdapter(deadlineMs), 'ERR-1', w)).toMatch(/stayed open outside the probe's hands/);
      expect(await judgeOnce(runner, referenceAdapter, 'ERR-1', w)).toBeNull();
    }, 60_000);

    it('a validation that takes time: a pool that stops the acquire clock for it serves late (TIME-1)', async () => {
      const w = kinds(runner.timeoutFloorMs).ping;
      expect(await judgeOnce(runner, pingStopsTheClock, 'TIME-1', w)).toMatch(/was still waiting at .* and settled only at/);
      const run = await runner.run(pingPool, w, []);
      expect(suiteFor('TIME-1')!.check(run)).toEqual([]);
      // The ping was the server's answer to a real query, after the latency.
      expect(run.history.filter((e) => e.kind === 'ping' && e.phase === 'ok').map((e) => e.note)).toContain('alive');
    }, 60_000);
  });
}

kindsOn(`PostgreSQL (${pgUp ? "the machine's" : 'embedded'})`, async () => {
  const database: Database = await provisionPostgres(pgUp ? LOCAL_PG : 'embedded');
  const runner = await openPgLiveRunner(database);
  return { ...runner, close: () => runner.close().finally(() => database.stop()) };
});

if (myUp) {
  kindsOn("MariaDB (the machine's)", async () => {
    const provisioned = await provisionMysql(MY_URL);
    if ('skipped' in provisioned) throw new Error(provisioned.skipped);
    const runner = await openMysqlLiveRunner(provisioned);
    return { ...runner, close: () => runner.close().finally(() => provisioned.stop()) };
  });
}

describe('SQLite', () => {
  // A hand-written hang is played as a stall there.
  it('cannot hang an open: its runner generates no connect that never answers', async () => {
    const runner = await openSqliteLiveRunner();
    try {
      expect(runner.connectHangs).toBe('nowhere');
    } finally {
      await runner.close();
    }
  });
});
