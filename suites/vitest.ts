// The vitest entry (`poolcheck/vitest`): a pool's own test file runs the conformance rules as
// tests in a few lines.
//
//   import { describePool } from 'poolcheck/vitest';
//   import { myAdapter } from './myAdapter.ts';
//   describePool(myAdapter, { seed: 42, adapterPath: 'test/myAdapter.ts' });
//   describePool(myAdapter, { mode: 'live', db: 'postgres://postgres@127.0.0.1:5432/postgres' });
//
// One `it` per rule of the catalogue. Rules the adapter cannot be judged by are `it.skip` with the
// reason in the test name, never a pass. The seed is resolved once, so every rule runs with the
// same seed and a failure's message carries it. Long profiles may need a longer test timeout.
// Model-mode rules are judged in the test's own thread (an adapter object cannot cross to a worker
// thread): what a pool throws where nobody catches it still becomes an errored rule, but a pool
// that spins in a synchronous loop holds the test until vitest gives up on it; `poolcheck run
// --adapter <path>` judges it in a worker thread that is stopped (spec/README.md, isolation).
// Live mode: describeLivePool.ts.
import { describe, it } from 'vitest';
import type { Adapter } from '../src/adapter/Adapter.ts';
import { validateAdapter } from '../src/adapter/validateAdapter.ts';
import { PoolcheckError } from '../src/errors.ts';
import { resolveRunOptions } from '../src/options/resolveRunOptions.ts';
import { rules } from '../src/spec/rules.ts';
import { assertRule, replaySpec, type PoolSuiteOptions } from './assertRule.ts';
import { describeLivePool } from './describeLivePool.ts';
import { skipReason } from './skipReason.ts';

export type { PoolSuiteOptions } from './assertRule.ts';
export { assertRule } from './assertRule.ts';

/** describePool in model mode (the default): in-memory connections, virtual time, exact replays. */
export interface ModelPoolOptions extends PoolSuiteOptions {
  readonly mode?: 'model';
  /** Live mode only. */
  readonly db?: undefined;
}

/**
 * describePool in live mode: the rules of `poolcheck run --mode live`, on a real database had once
 * per test file (the first live describePool's `beforeAll`; the last one's `afterAll` stops it);
 * each session is tagged with the run and ended after its workload. Where the database cannot be
 * had, every rule is skipped with the reason. A failure's message carries a replay command with
 * `--mode live` and the `--db` of the database it ran on, as the CLI prints it.
 * Live workloads run in real time: give `numRuns` (the `quick` profile's 3 per rule by default).
 */
export interface LivePoolOptions extends PoolSuiteOptions {
  readonly mode: 'live';
  /**
   * What `poolcheck run --db` accepts: a `postgres://`, `postgresql://`, `mysql://` or
   * `mariadb://` URL (for adapters on that kind of database), `embedded` (PostgreSQL) or
   * `testcontainers`. Absent, as the CLI: PostgreSQL from POOLCHECK_PG_URL, DATABASE_URL, a
   * container, else embedded; MySQL from POOLCHECK_MYSQL_URL or a container, else skipped.
   * A URL's password never appears in a test's name or message (the replay shows
   * `${POOLCHECK_DB_PASSWORD}` in its place).
   * Undefined is the default, so `db: process.env.DATABASE_URL` reads as the CLI would.
   */
  readonly db?: string | undefined;
}

export type DescribePoolOptions = ModelPoolOptions | LivePoolOptions;

/**
 * Declares one vitest test per rule of the catalogue for `adapter`, in model mode (the default) or
 * live mode (`{ mode: 'live', db }`). Fork mode is `poolcheck run --mode fork` only.
 */
export function describePool(adapter: Adapter, options: DescribePoolOptions = {}): void {
  const checked = validateAdapter(adapter?.name ?? 'adapter', adapter);
  const { adapterPath, mode = 'model', db, ...loose } = options;
  checkMode(checked, mode, db);
  const resolved = resolveRunOptions({ ...loose, mode });
  const spec = replaySpec(checked, adapterPath);
  if (mode === 'live') return describeLivePool(checked, resolved, { spec, db });
  const pinned: PoolSuiteOptions = { ...loose, ...(adapterPath === undefined ? {} : { adapterPath }), seed: resolved.seed };
  // Sequential whatever the project's `sequence.concurrent`: a model-mode workload makes the
  // global timers virtual while it runs, and two at once would run on each other's clock.
  describe.sequential(`poolcheck · ${checked.name} · seed ${resolved.seed}`, () => {
    for (const rule of rules) {
      const name = `${rule.id} ${rule.title}`;
      const reason = skipReason(checked, rule, resolved.rules, 'model');
      if (reason !== null) it.skip(`${name} (${reason})`, () => {});
      else
        it(name, async (context) => {
          const verdict = await assertRule(checked, rule.id, pinned);
          // Judged, but nothing the rule is about happened in any workload: not a pass.
          if (verdict.status === 'skipped') context.skip(verdict.reason);
        });
    }
  });
}

/** Bad options are one clear error when the tests are declared (code POOLCHECK_USAGE). */
function checkMode(adapter: Adapter, mode: unknown, db: unknown): asserts mode is 'model' | 'live' {
  if (mode === 'fork') {
    throw new PoolcheckError('POOLCHECK_USAGE', "describePool judges in model or live mode: the cross-process rules (FORK-1, FORK-2) run with `poolcheck run --mode fork --rules FORK-1,FORK-2`");
  }
  if (mode !== 'model' && mode !== 'live') throw new PoolcheckError('POOLCHECK_USAGE', `Expected describePool's mode to be 'model' or 'live', got ${JSON.stringify(mode)}`);
  if (db !== undefined && mode !== 'live') throw new PoolcheckError('POOLCHECK_USAGE', "describePool's db chooses the database of live mode: add mode: 'live'");
  if (db !== undefined && typeof db !== 'string') throw new PoolcheckError('POOLCHECK_USAGE', `Expected describePool's db to be a string (what --db accepts), got ${typeof db}`);
  if (mode === 'live' && adapter.runsOn?.live === null) throw new PoolcheckError('POOLCHECK_USAGE', `adapter ${adapter.name} has no live form: describe it in model mode`);
}
