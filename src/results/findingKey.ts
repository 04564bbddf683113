// How a verdict is named in results/explanations.md: `<adapter> <mode> <rule>`, the adapter as
// the command line names it (`tarn live CLOSE-1`).
import type { ReportDoc } from './ResultsFile.ts';

export const findingKeyPattern = /^(\S+) (\S+) ([A-Z]+-[0-9]+)$/;

export function findingKey(report: Pick<ReportDoc, 'adapter' | 'run'>, rule: string): string {
  return `${report.adapter.spec} ${report.run.mode} ${rule}`;
}
