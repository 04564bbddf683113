// What is wrong between a results file and its explanations: a failure nobody explained, or an
// explanation of a failure the file no longer has (fixed, or now judged otherwise). Both mean
// results/explanations.md must be edited after `npm run results`.
import { failuresOf } from './failuresOf.ts';
import type { Explanation } from './parseExplanations.ts';
import type { ResultsFile } from './ResultsFile.ts';

export interface ExplanationProblems {
  /** Failures with no explanation, as `<adapter> <mode> <rule>`. */
  readonly missing: readonly string[];
  /** Explained keys that name no failure in the file (intermittent ones may be absent). */
  readonly stale: readonly string[];
}

export function explanationProblems(file: Pick<ResultsFile, 'reports'>, explanations: readonly Explanation[]): ExplanationProblems {
  const failed = new Set(failuresOf(file).map((f) => f.key));
  const explained = new Set(explanations.flatMap((e) => e.keys));
  const always = explanations.filter((e) => !e.intermittent).flatMap((e) => e.keys);
  return {
    missing: [...failed].filter((k) => !explained.has(k)),
    stale: always.filter((k) => !failed.has(k)),
  };
}
