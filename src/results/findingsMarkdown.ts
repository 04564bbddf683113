// The README's findings: for every failed verdict its shrunk counterexample (the workload as
// steps, the violation, the replay command), under the hand-written explanation that covers it
// (results/explanations.md). One explanation may cover the same finding in several rows (tarn's
// CLOSE-1 in model and live mode); it is shown once, with each row's counterexample beneath.
import { counterexampleSteps } from './counterexampleSteps.ts';
import { basisNote } from './basisNote.ts';
import { failuresOf, type Failure } from './failuresOf.ts';
import type { Explanation } from './parseExplanations.ts';
import { poolLabel } from './poolLabel.ts';
import { replayOf } from './replayOf.ts';
import type { ResultsFile } from './ResultsFile.ts';

const fence = '```';

function counterexample({ report, rule }: Failure): string {
  const basis = basisNote(rule['basis']);
  const steps = counterexampleSteps(report, rule);
  const lines = [...steps, `→ ${rule.violation?.message ?? '(no violation message recorded)'}`, replayOf(report, rule)].filter((l) => l !== '');
  return [`${poolLabel(report)}, ${report.run.mode} mode, ${rule.id}${basis ? ` (${basis})` : ''}:`, '', fence, ...lines, fence].join('\n');
}

export function findingsMarkdown(file: Pick<ResultsFile, 'reports'>, explanations: readonly Explanation[]): string {
  const failures = failuresOf(file);
  if (failures.length === 0) return 'No rule failed.';
  // Failures grouped under their explanation, groups in the order of their first failure.
  const groups = new Map<Explanation | string, Failure[]>();
  for (const failure of failures) {
    const group = explanations.find((e) => e.keys.includes(failure.key)) ?? failure.key;
    groups.set(group, [...(groups.get(group) ?? []), failure]);
  }
  const sections = [...groups].map(([group, members]) => {
    const first = members[0]!;
    const text = typeof group === 'string' ? `**${poolLabel(first.report)}, ${first.rule.id}: ${first.rule.title}.** Not explained yet (results/explanations.md).` : group.text;
    return [text, ...members.map(counterexample)].join('\n\n');
  });
  const intro = 'The findings, each with its shrunk counterexample (replay any of them with the command shown; `--path` pins the exact failure, and a live one replays the same workload on a real clock):';
  return [intro, ...sections].join('\n\n');
}
