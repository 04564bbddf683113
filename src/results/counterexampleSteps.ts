// A failure's workload as readable steps: the ones report.json wrote with it, or, for a report
// written before it carried them, formatted again with the capabilities the report names.
import type { Capabilities } from '../adapter/Adapter.ts';
import type { Counterexample } from '../runner/Verdict.ts';
import { formatWorkload } from '../workload/formatWorkload.ts';
import type { ReportDoc, RuleResultDoc } from './ResultsFile.ts';

export function counterexampleSteps(report: ReportDoc, rule: RuleResultDoc): readonly string[] {
  const ce = rule.counterexample;
  if (!ce) return ['(no counterexample recorded)'];
  if (ce.steps) return ce.steps;
  const capabilities = (report.adapter as { capabilities?: Pick<Capabilities, 'acquireTimeout'> }).capabilities ?? { acquireTimeout: null };
  return formatWorkload(ce as Counterexample, capabilities);
}
