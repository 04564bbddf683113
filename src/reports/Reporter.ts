// A reporter is a set of optional hooks; each reporter lives in its own file.
import type { AdapterReport } from '../runner/AdapterReport.ts';
import type { Rule } from '../spec/rules.ts';
import type { Verdict } from '../runner/Verdict.ts';

export type AdapterHead = Omit<AdapterReport, 'verdicts' | 'ms'>;

export interface Reporter {
  onAdapterStart?(head: AdapterHead): void;
  onRuleResult?(head: AdapterHead, rule: Rule, verdict: Verdict): void;
  onAdapterEnd?(report: AdapterReport): void | Promise<void>;
  onRunEnd?(reports: readonly AdapterReport[]): void | Promise<void>;
}

/** Calls every reporter's hook in turn. */
export function combineReporters(reporters: readonly Reporter[]): Required<Reporter> {
  return {
    onAdapterStart: (h) => reporters.forEach((r) => r.onAdapterStart?.(h)),
    onRuleResult: (h, rule, v) => reporters.forEach((r) => r.onRuleResult?.(h, rule, v)),
    onAdapterEnd: async (report) => {
      for (const r of reporters) await r.onAdapterEnd?.(report);
    },
    onRunEnd: async (reports) => {
      for (const r of reporters) await r.onRunEnd?.(reports);
    },
  };
}
