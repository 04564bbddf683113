// A run is a pure function of its workload and tie choices: this is what makes every failure
// replay exactly from its seed and path. Only adapters with a model form are compared here (model
// mode is the deterministic one); each run must have done something (a history with events, no
// run errors), or two runs could agree on nothing. The live-only adapters (mysql2, mariadb,
// sqlite) run on a real clock, where no two runs are alike; their runs are checked in
// test/live/mysqlLive.test.ts and test/live/sqliteLive.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RUNS_ON } from '../src/adapter/Adapter.ts';
import { builtInAdapters, loadAdapter } from '../src/adapter/loadAdapter.ts';
import { runWorkload } from '../src/runner/runWorkload.ts';
import { tiesArbitrary, workloadArbitrary } from '../src/workload/workloadArbitrary.ts';
import { shape } from '../src/workload/WorkloadShape.ts';

const adapters = await Promise.all(Object.keys(builtInAdapters).map(async (name) => (await loadAdapter(name)).adapter));
const modelForm = adapters.filter((a) => (a.runsOn ?? DEFAULT_RUNS_ON).model);

describe('determinism', () => {
  it('compares every built-in adapter with a model form, and only those', () => {
    expect(modelForm.map((a) => a.name)).toEqual(['reference', 'generic-pool', 'tarn', 'pg-pool']);
  });

  for (const adapter of modelForm) {
    it(`${adapter.name}: the same workload and ties give the same history`, async () => {
      const everything = shape({ ends: ['release', 'destroy', 'double-release'], connectFaults: true, connectHangs: true, kills: true, close: true });
      const samples = fc.sample(fc.tuple(workloadArbitrary(everything, adapter.capabilities), tiesArbitrary), { seed: 3, numRuns: 40 });
      for (const [workload, ties] of samples) {
        const first = await runWorkload(adapter, workload, ties);
        expect(first.errors).toEqual([]);
        // At least the acquires, the close and the end marker: a run that did nothing proves nothing.
        expect(first.history.filter((e) => e.kind === 'acquire').length).toBeGreaterThan(0);
        expect(first.history.some((e) => e.kind === 'end')).toBe(true);
        const second = await runWorkload(adapter, workload, ties);
        expect(second.history).toEqual(first.history);
      }
    });
  }
});
