// A built-in adapter whose pool the user's project lacks is reported skipped with what to install
// (src/adapter/builtInNeeds.ts, loadAdapter): its placeholder must run where the adapter runs, and
// a missing package must be told from any other failed import.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RUNS_ON } from '../src/adapter/Adapter.ts';
import { builtInNeeds, installHint } from '../src/adapter/builtInNeeds.ts';
import { builtInAdapters, loadAdapter } from '../src/adapter/loadAdapter.ts';
import { missingPackage } from '../src/missingPackage.ts';

const failure = async (load: () => unknown): Promise<unknown> => {
  try {
    await load();
  } catch (error) {
    return error;
  }
  throw new Error('expected the load to fail');
};

describe('builtInNeeds', () => {
  it('names every built-in adapter, with the modes the adapter itself has', async () => {
    expect(Object.keys(builtInNeeds).sort()).toEqual(Object.keys(builtInAdapters).sort());
    for (const name of Object.keys(builtInAdapters)) {
      const { adapter, unavailable } = await loadAdapter(name);
      expect(unavailable, name).toBeUndefined();
      expect(builtInNeeds[name]!.runsOn, name).toEqual({ ...DEFAULT_RUNS_ON, ...adapter.runsOn, ownConnections: undefined });
    }
  });

  it('gives one install command per adapter, the pool first', () => {
    expect(installHint('pg-pool')).toBe('npm install --save-dev pg-pool pg');
    expect(installHint('sqlite')).toBe('npm install --save-dev tarn better-sqlite3');
  });
});

describe('missingPackage', () => {
  it('names the package an ES module import or a require could not find', async () => {
    // Through a variable: neither the type check nor vite may resolve these at build time.
    const missing: string = 'poolcheck-no-such-package';
    expect(missingPackage(await failure(() => import(missing)))).toBe('poolcheck-no-such-package');
    expect(missingPackage(await failure(() => createRequire(import.meta.url)('@poolcheck-none/pool/promise')))).toBe('@poolcheck-none/pool');
  });

  it('is null for a missing file of our own and for any other error', async () => {
    const ownFile: string = './no-such-file.js';
    expect(missingPackage(await failure(() => import(ownFile)))).toBeNull();
    expect(missingPackage(new Error("Cannot find package 'pg'"))).toBeNull();
  });
});
