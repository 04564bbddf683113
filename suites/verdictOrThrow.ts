// `assert` throws a replay recipe: the one rule's verdict of a report, or, when the pool broke the
// rule (or the run errored), an Error whose message names what broke, then the command that
// replays it, the shrunk workload and the marked history. Shared by assertRule (model mode) and
// the live vitest entry (describeLivePool.ts), so both fail with the same message.
import { failureText } from '../src/reports/textReporter.ts';
import type { AdapterReport } from '../src/runner/AdapterReport.ts';
import type { Verdict } from '../src/runner/Verdict.ts';

export function verdictOrThrow(report: AdapterReport): Verdict {
  const verdict = report.verdicts[0]!;
  if (verdict.status !== 'failed' && verdict.status !== 'errored') return verdict;
  throw new Error(failureMessage(failureText(report, verdict)));
}

/** failureText's lines, reordered: what broke, then the replay command, then the evidence. */
function failureMessage(lines: readonly string[]): string {
  const [head = '', ...rest] = lines.filter((l) => l !== '');
  const replay = rest.filter((l) => l.startsWith('    replay: '));
  const evidence = rest.filter((l) => !l.startsWith('    replay: '));
  // An errored run with no workload has a heading with nothing under it: leave it out.
  const body = evidence.length === 1 && evidence[0] === '    workload:' ? [] : evidence;
  return [head.trim(), ...replay, ...body].join('\n');
}
