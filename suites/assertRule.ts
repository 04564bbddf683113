// `check` returns, `assert` throws a replay recipe: judges one rule for one adapter and throws
// when the pool breaks it (or the run errors), with a message that names the violation and then
// ends with the command that replays it, the shrunk workload and the marked history.
import type { Adapter } from '../src/adapter/Adapter.ts';
import { builtInAdapters } from '../src/adapter/loadAdapter.ts';
import { validateAdapter } from '../src/adapter/validateAdapter.ts';
import type { LooseRunOptions } from '../src/options/resolveRunOptions.ts';
import { resolveRunOptions } from '../src/options/resolveRunOptions.ts';
import { failureText } from '../src/reports/textReporter.ts';
import { judgeAdapter } from '../src/runner/judgeAdapter.ts';
import type { Verdict } from '../src/runner/Verdict.ts';

export interface PoolSuiteOptions extends Pick<LooseRunOptions, 'profile' | 'seed' | 'numRuns' | 'rules' | 'path'> {
  /**
   * How `poolcheck run --adapter` names this adapter, for the replay command: the path of the
   * module that exports it. Defaults to the adapter's name, which is right for built-in adapters.
   */
  readonly adapterPath?: string;
}

/** Resolves with the verdict when the rule passed, is not applicable or is skipped; rejects otherwise. */
export async function assertRule(adapter: Adapter, ruleId: string, options: PoolSuiteOptions = {}): Promise<Verdict> {
  const { adapterPath, ...loose } = options;
  const checked = validateAdapter(adapter?.name ?? 'adapter', adapter);
  const resolved = resolveRunOptions({ ...loose, rules: [ruleId] });
  const spec = adapterPath ?? (checked.name in builtInAdapters ? checked.name : `<path of the module exporting ${checked.name}>`);
  const report = await judgeAdapter({ adapter: checked, spec }, resolved);
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
