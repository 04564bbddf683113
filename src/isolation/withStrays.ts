// A workload run with what the pool threw where nobody could catch it (see catchStrays.ts) added
// to the run's errors, which make its verdict `errored` with the workload as counterexample.
import type { RunRecord } from '../runner/RunRecord.ts';
import { catchStrays } from './catchStrays.ts';

export async function withStrays(work: () => Promise<RunRecord>): Promise<RunRecord> {
  const strays = catchStrays();
  let record: RunRecord;
  try {
    record = await work();
  } catch (error) {
    await strays.stop();
    throw error;
  }
  const caught = await strays.stop();
  return caught.length === 0 ? record : { ...record, errors: [...record.errors, ...caught] };
}
