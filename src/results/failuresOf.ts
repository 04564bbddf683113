// Every failed verdict of a results file, in the file's order: what the results block shows a
// counterexample for and what results/explanations.md must explain.
import { findingKey } from './findingKey.ts';
import type { ReportDoc, ResultsFile, RuleResultDoc } from './ResultsFile.ts';

export interface Failure {
  readonly key: string;
  readonly report: ReportDoc;
  readonly rule: RuleResultDoc;
}

export function failuresOf(file: Pick<ResultsFile, 'reports'>): Failure[] {
  return file.reports.flatMap((report) => report.rules.filter((r) => r.status === 'failed').map((rule) => ({ key: findingKey(report, rule.id), report, rule })));
}
