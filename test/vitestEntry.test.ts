// The vitest entry: describePool turns the catalogue into tests; assertRule is what each runs.
import { describe, expect, it } from 'vitest';
import { referenceAdapter } from '../adapters/reference/index.ts';
import { assertRule, describePool, type DescribePoolOptions } from '../suites/vitest.ts';
import { createThrows } from './fixtures/createThrows.ts';
import { lifoWaiters } from './fixtures/lifoWaiters.ts';

// What a pool's own test file looks like: one line, a pinned seed.
describePool(referenceAdapter, { seed: 1, numRuns: 30 });

describe('assertRule', () => {
  const options = { seed: 1, numRuns: 30, adapterPath: 'test/fixtures/lifoWaiters.ts' };

  it('resolves with the verdict of a rule the pool keeps', async () => {
    await expect(assertRule(referenceAdapter, 'WAIT-2', { seed: 1, numRuns: 30 })).resolves.toMatchObject({ rule: 'WAIT-2', status: 'passed', runs: 30 });
  });

  it('resolves not-applicable, never passed, for a capability the adapter does not declare', async () => {
    await expect(assertRule(referenceAdapter, 'MIN-1', { seed: 1 })).resolves.toMatchObject({ status: 'not-applicable' });
  });

  it('rejects a broken pool with the violation, then the replay command, the shrunk workload and the marked history', async () => {
    const error = await assertRule(lifoWaiters, 'WAIT-2', options).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(Error);
    const lines = error!.message.split('\n');
    expect(lines[0]).toMatch(/^✗ WAIT-2 failed for lifo-waiters: t\d+ .* before t\d+/);
    expect(lines[1]).toMatch(/^ {4}replay: npx poolcheck run --adapter test\/fixtures\/lifoWaiters\.ts --rules WAIT-2 --seed 1 --path \d+(:\d+)*$/);
    expect(lines[2]).toMatch(/^ {4}minimal workload \(after \d+ shrinks\):$/);
    expect(lines[3]).toMatch(/^ {6}pool: size 1, maxOverflow 0/);
    const history = lines.indexOf('    history (> marks the events that break the rule):');
    expect(history).toBeGreaterThan(3);
    expect(lines.slice(history + 1).some((l) => l.startsWith('    > #'))).toBe(true);
    expect(lines.at(-1)).toMatch(/^ {4}[> ] #\d+ /); // the history is the end of the message
  });

  it('rejects with the replay command through expect(...).rejects', async () => {
    await expect(assertRule(lifoWaiters, 'WAIT-2', options)).rejects.toThrow('replay: npx poolcheck run --adapter test/fixtures/lifoWaiters.ts --rules WAIT-2 --seed 1 --path ');
  });

  it('rejects a run that errored (not a violation) with its replay command too', async () => {
    const errored = assertRule(createThrows, 'EXCL-1', { seed: 1, numRuns: 30, adapterPath: 'test/fixtures/createThrows.ts' });
    await expect(errored).rejects.toThrow(/^! EXCL-1 errored for create-throws: .*cannot build a pool today\n {4}replay: npx poolcheck run --adapter test\/fixtures\/createThrows\.ts --rules EXCL-1 --seed 1 --path /);
  });

  it('refuses an unknown rule id as bad input', async () => {
    await expect(assertRule(referenceAdapter, 'NOPE-1')).rejects.toMatchObject({ code: 'POOLCHECK_UNKNOWN_RULE' });
  });
});

// Live mode runs in test/vitestLive.test.ts (a vitest of its own); bad options fail here, when the
// tests are declared, before any database is asked for.
describe('describePool options', () => {
  const usage = (options: unknown) => {
    try {
      describePool(referenceAdapter, options as DescribePoolOptions);
    } catch (error) {
      return error as Error & { code?: string };
    }
    throw new Error('describePool accepted the options');
  };

  it('refuses fork mode, saying where the cross-process rules run', () => {
    expect(usage({ mode: 'fork' })).toMatchObject({ code: 'POOLCHECK_USAGE', message: expect.stringContaining('`poolcheck run --mode fork --rules FORK-1,FORK-2`') });
  });

  it('refuses an unknown mode and a db without live mode', () => {
    expect(usage({ mode: 'both' })).toMatchObject({ code: 'POOLCHECK_USAGE', message: `Expected describePool's mode to be 'model' or 'live', got "both"` });
    expect(usage({ db: 'embedded' })).toMatchObject({ code: 'POOLCHECK_USAGE', message: "describePool's db chooses the database of live mode: add mode: 'live'" });
  });

  it('refuses a db value --db would refuse, without its password', () => {
    const error = usage({ mode: 'live', db: 'postgres://poolcheck:secret-pw@127.0.0.1:notaport/postgres' });
    expect(error).toMatchObject({ code: 'POOLCHECK_USAGE' });
    expect(error.message).not.toContain('secret-pw');
    expect(usage({ mode: 'live', db: 'Embedded' })).toMatchObject({ code: 'POOLCHECK_USAGE', message: expect.stringContaining('(lower case)') });
  });

  it('refuses live mode for an adapter without a live form', () => {
    const modelOnly = { ...referenceAdapter, name: 'model-only', runsOn: { model: true, live: null } };
    expect(() => describePool(modelOnly as never, { mode: 'live' })).toThrow('adapter model-only has no live form: describe it in model mode');
  });
});

