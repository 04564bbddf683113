// The deferring Promise (src/model/DeferringPromise.ts): Promises/A+ behaviour with every callback
// on a later macrotask of the virtual clock, and the broken pool that only it exposes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import referenceAdapter from '../adapters/reference/index.ts';
import { suiteFor } from '../suites/ruleSuites.ts';
import { validateAdapter } from '../src/adapter/validateAdapter.ts';
import { DeferringPromise } from '../src/model/DeferringPromise.ts';
import { VirtualClock } from '../src/model/VirtualClock.ts';
import { checkRule } from '../src/runner/checkRule.ts';
import { formatWorkload } from '../src/workload/formatWorkload.ts';
import { workloadArbitrary } from '../src/workload/workloadArbitrary.ts';
import * as connectCountedAfterAwait from './broken/connectCountedAfterAwait.ts';
import type { Workload } from '../src/workload/Workload.ts';

/** Runs `body` on an installed virtual clock until nothing is left to run. */
async function onClock(body: () => void): Promise<void> {
  const clock = new VirtualClock();
  const restore = clock.install();
  try {
    body();
    await clock.run(1_000);
  } finally {
    restore();
  }
}

describe('DeferringPromise', () => {
  it('runs a then callback on a later macrotask: after an event already due at that instant', async () => {
    const seen: string[] = [];
    await onClock(() => {
      setTimeout(() => {
        setImmediate(() => seen.push('other caller'));
        void DeferringPromise.resolve(1).then((v) => seen.push(`deferring ${v}`));
        void Promise.resolve(1).then((v) => seen.push(`native ${v}`));
      }, 5);
    });
    expect(seen).toEqual(['native 1', 'other caller', 'deferring 1']);
  });

  it('settles a chain within one macrotask, as bluebird drains its queue: nothing due meanwhile runs between its links', async () => {
    const seen: string[] = [];
    await onClock(() => {
      setTimeout(() => {
        void DeferringPromise.resolve(1)
          .then(() => seen.push('link 1'))
          .then(() => seen.push('link 2'));
        // Scheduled after the drain, due at the same instant: it must wait for the whole chain.
        setImmediate(() => seen.push('other caller'));
      }, 5);
    });
    expect(seen).toEqual(['link 1', 'link 2', 'other caller']);
  });

  it('keeps Promises/A+ behaviour: chaining, adoption, rejection, finally, await', async () => {
    const seen: unknown[] = [];
    await onClock(() => {
      void (async () => {
        seen.push(await new DeferringPromise<number>((resolve) => resolve(DeferringPromise.resolve(2))).then((v) => v * 3));
        seen.push(await DeferringPromise.reject(new Error('no')).catch((e) => (e as Error).message));
        seen.push(await DeferringPromise.resolve(Promise.resolve('native adopted')));
        let finallyRan = false;
        await DeferringPromise.reject(new Error('kept'))
          .finally(() => (finallyRan = true))
          .then(undefined, (e) => seen.push(`${(e as Error).message} ${finallyRan}`));
        const p = new DeferringPromise<number>((resolve, reject) => {
          resolve(1);
          resolve(2);
          reject(new Error('ignored'));
        });
        seen.push(await p);
        seen.push(await new DeferringPromise<number>(() => {
          throw new Error('executor threw');
        }).catch((e) => (e as Error).message));
      })();
    });
    expect(seen).toEqual([6, 'no', 'native adopted', 'kept true', 1, 'executor threw']);
  });

  it('has the static combinators pools call', async () => {
    const seen: unknown[] = [];
    await onClock(() => {
      void (async () => {
        seen.push(await DeferringPromise.all([1, DeferringPromise.resolve(2), Promise.resolve(3)]));
        seen.push(await DeferringPromise.all([]));
        seen.push(await DeferringPromise.all([1, DeferringPromise.reject(new Error('all'))]).catch((e) => (e as Error).message));
        seen.push(await DeferringPromise.race([new DeferringPromise((r) => setTimeout(() => r('slow'), 10)), DeferringPromise.resolve('fast')]));
        seen.push(await DeferringPromise.allSettled([DeferringPromise.resolve(1), DeferringPromise.reject('x')]));
        seen.push(await DeferringPromise.any([DeferringPromise.reject('a'), DeferringPromise.resolve('b')]));
        seen.push(await DeferringPromise.any([DeferringPromise.reject('a')]).catch((e) => (e as AggregateError).errors));
        seen.push(Object.prototype.toString.call(DeferringPromise.resolve()));
      })();
    });
    expect(seen).toEqual([
      [1, 2, 3],
      [],
      'all',
      'fast',
      [
        { status: 'fulfilled', value: 1 },
        { status: 'rejected', reason: 'x' },
      ],
      'b',
      ['a'],
      '[object Promise]',
    ]);
  });
});

describe('the promiseLibrary capability', () => {
  const withPromise = (value: unknown) => ({ ...referenceAdapter, capabilities: { ...referenceAdapter.capabilities, promiseLibrary: value } });

  it('is optional, and must be a boolean when given', () => {
    expect(validateAdapter('reference', referenceAdapter)).toBe(referenceAdapter);
    expect(() => validateAdapter('x', withPromise(true))).not.toThrow();
    expect(() => validateAdapter('x', withPromise('bluebird'))).toThrow(
      "adapter x: expected `capabilities.promiseLibrary` to be true, false or absent, got `bluebird` (string)",
    );
  });

  it('lets workloads choose the deferring Promise only for adapters that declare it', () => {
    const kinds = (caps: typeof referenceAdapter.capabilities) =>
      new Set(fc.sample(workloadArbitrary(suiteFor('BOUND-1')!.shape, caps), { numRuns: 100, seed: 1 }).map((w) => w.promise));
    expect(kinds(referenceAdapter.capabilities)).toEqual(new Set(['native']));
    expect(kinds({ ...referenceAdapter.capabilities, promiseLibrary: true })).toEqual(new Set(['native', 'deferring']));
  });
});

describe('a pool run on the deferring Promise', () => {
  const bound1 = suiteFor('BOUND-1')!;

  it('exposes a check-then-act race that native microtask timing hides', async () => {
    const { adapter } = connectCountedAfterAwait;
    const nativeOnly = { ...adapter, capabilities: { ...adapter.capabilities, promiseLibrary: false } };
    expect((await checkRule(nativeOnly, bound1, { numRuns: 200, seed: 1, path: null })).status).toBe('passed');

    const verdict = await checkRule(adapter, bound1, { numRuns: 200, seed: 1, path: null });
    expect(verdict.status).toBe('failed');
    if (verdict.status !== 'failed') return;
    expect((verdict.counterexample.workload as Workload).promise).toBe('deferring');
    expect(formatWorkload(verdict.counterexample, adapter.capabilities)).toContain(
      'promises: the pool runs on a deferring Promise (then callbacks run on a later macrotask, as bluebird\'s)',
    );
  }, 60_000);
});
