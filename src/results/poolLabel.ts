import type { ReportDoc } from './ResultsFile.ts';

/** `generic-pool 3.9.0`, or `sqlite (tarn 3.1.2)` when the adapter and the pool have different names (as the results matrix names them). */
export function poolLabel({ adapter }: Pick<ReportDoc, 'adapter'>): string {
  const { name, version } = adapter.pool;
  return name === adapter.name ? `${name} ${version}` : `${adapter.name} (${name} ${version})`;
}
