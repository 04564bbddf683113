// A run is a pure function of its workload and tie choices: this is what makes every failure
// replay exactly from its seed and path.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtInAdapters, loadAdapter } from '../src/adapter/loadAdapter.ts';
import { runWorkload } from '../src/runner/runWorkload.ts';
import { tiesArbitrary, workloadArbitrary } from '../src/workload/workloadArbitrary.ts';
import { shape } from '../src/workload/WorkloadShape.ts';

describe('determinism', () => {
  for (const name of Object.keys(builtInAdapters)) {
    it(`${name}: the same workload and ties give the same history`, async () => {
      const { adapter } = await loadAdapter(name);
      const everything = shape({ ends: ['release', 'destroy', 'double-release'], connectFaults: true, connectHangs: true, kills: true, close: true });
      const samples = fc.sample(fc.tuple(workloadArbitrary(everything, adapter.capabilities), tiesArbitrary), { seed: 3, numRuns: 40 });
      for (const [workload, ties] of samples) {
        const first = await runWorkload(adapter, workload, ties);
        const second = await runWorkload(adapter, workload, ties);
        expect(second.history).toEqual(first.history);
      }
    });
  }
});
