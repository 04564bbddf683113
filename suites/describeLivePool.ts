// The vitest entry in live mode (`describePool(adapter, { mode: 'live', db })`): the same rules as
// `poolcheck run --mode live`, on a real database, as one `it` per rule of a pool's own test file.
//
// The database is had once per test file (fileDatabases.ts), in the `beforeAll` of the first live
// describePool, the way the CLI has it once per run: `db` is what `--db` accepts and defaults the
// same way (src/live/LiveDatabases.ts), and only when some rule is to be judged at all. The runner
// (its run id tags every session it opens, its witness lists and ends them after every workload,
// its fault proxy scripts connect faults) is opened on it there too, and closed in the
// `afterAll`, which stops the database after the file's last live describePool. A database that
// cannot be had (none of the adapter's kind here, a URL that does not answer, a server too small
// for the run) skips every rule with the reason: a pool judged on nothing has not passed.
//
// Judged in the test's own thread, not in a worker thread like the CLI (src/isolation/):
// - the adapter arrives as an object, which cannot cross to a worker; a worker would load the
//   module at adapterPath anew, which need not be given, may build its adapter differently, or
//   may import vitest, which only loads inside vitest;
// - vitest already runs each test file in a process of its own, and a process that ends takes its
//   sockets with it: the server ends the run's sessions, embedded PostgreSQL and containers are
//   stopped by the cleanup registry's exit handlers, a MySQL run user is dropped by the next run;
// - what the thread keeps is what live mode guards in any thread: the watchdog stops a workload
//   that outlives its horizon, and what the pool throws where nobody catches it is the run's error
//   (catchStrays.ts). A pool that spins in a synchronous loop holds the test file until vitest
//   gives up on it; `poolcheck run --mode live` stops such a pool (README, isolation).
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Adapter } from '../src/adapter/Adapter.ts';
import { PoolcheckError } from '../src/errors.ts';
import { parseDbFlag } from '../src/live/database/index.ts';
import type { LiveRunner } from '../src/live/openLiveRunner.ts';
import { openRunnerOn } from '../src/live/openRunnerOn.ts';
import { liveRuleTimeLimitMs, type RunOptions } from '../src/options/resolveRunOptions.ts';
import { judgeAdapter, type LiveJudging } from '../src/runner/judgeAdapter.ts';
import { liveDatabaseOf } from '../src/runner/modeFor.ts';
import { watchdogFloorMs } from '../src/runner/watchdog.ts';
import { rules } from '../src/spec/rules.ts';
import { fileDatabases } from './fileDatabases.ts';
import { skipReason } from './skipReason.ts';
import { verdictOrThrow } from './verdictOrThrow.ts';

/** Real ms to have the database: embedded PostgreSQL starts in seconds, a container's first pull takes longer. */
const PROVISION_TIMEOUT_MS = 300_000;
const STOP_TIMEOUT_MS = 60_000;

export interface LiveSuiteOptions {
  /** The adapter's name in replay commands (assertRule.ts's replaySpec). */
  readonly spec: string;
  /** What `--db` accepts; undefined: the CLI's default order. */
  readonly db: string | undefined;
}

export function describeLivePool(adapter: Adapter, resolved: RunOptions, { spec, db }: LiveSuiteOptions): void {
  // Bad input is an error now, when the tests are declared, not a skip.
  const selection = db === undefined ? {} : parseDbFlag(db);
  const kind = liveDatabaseOf(adapter);
  const reasons = new Map(rules.map((rule) => [rule.id, skipReason(adapter, rule, resolved.rules, 'live')]));
  // Sequential whatever the project's `sequence.concurrent`: the rules share one runner, whose
  // witness lists the run's sessions, and two workloads at once would be judged by each other's.
  describe.sequential(`poolcheck · ${adapter.name} · live mode · seed ${resolved.seed}`, () => {
    let runner: LiveRunner | undefined;
    let live: LiveJudging = { skipped: 'the database was not opened (its beforeAll did not finish)' };
    if ([...reasons.values()].some((reason) => reason === null)) {
      const { databases, release } = fileDatabases(selection);
      beforeAll(async () => {
        try {
          const address = await databases.address(kind);
          if ('skipped' in address) {
            live = address;
            return;
          }
          runner = await openRunnerOn(address, adapter);
          live = { runner, info: runner.info };
        } catch (error) {
          // The environment, not the pool: no database to judge on. Anything else is ours to see.
          if (!(error instanceof PoolcheckError) || error.code !== 'POOLCHECK_ENVIRONMENT') throw error;
          live = { skipped: `no ${kind} database: ${error.message}` };
        }
      }, PROVISION_TIMEOUT_MS);
      afterAll(async () => {
        try {
          await runner?.close();
        } finally {
          await release();
        }
      }, STOP_TIMEOUT_MS);
    }
    // A rule explores and shrinks for its time limit, and may then finish one workload, which the
    // watchdog bounds; the rest is the database's round trips.
    const timeout = liveRuleTimeLimitMs[resolved.profile] + 2 * watchdogFloorMs();
    for (const rule of rules) {
      const name = `${rule.id} ${rule.title}`;
      const reason = reasons.get(rule.id);
      if (reason) {
        it.skip(`${name} (${reason})`, () => {});
        continue;
      }
      it(name, { timeout }, async (context) => {
        if ('skipped' in live) return context.skip(live.skipped);
        const report = await judgeAdapter({ adapter, spec }, { ...resolved, rules: [rule.id] }, {}, live);
        const verdict = verdictOrThrow(report);
        if (verdict.status === 'skipped') context.skip(verdict.reason);
      });
    }
  });
}

