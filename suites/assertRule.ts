// `check` returns, `assert` throws a replay recipe: judges one rule for one adapter in model mode
// and throws when the pool breaks it (or the run errors), with a message that names the violation
// and then ends with the command that replays it, the shrunk workload and the marked history.
import type { Adapter } from '../src/adapter/Adapter.ts';
import { builtInAdapters } from '../src/adapter/loadAdapter.ts';
import { validateAdapter } from '../src/adapter/validateAdapter.ts';
import type { LooseRunOptions } from '../src/options/resolveRunOptions.ts';
import { resolveRunOptions } from '../src/options/resolveRunOptions.ts';
import { judgeAdapter } from '../src/runner/judgeAdapter.ts';
import type { Verdict } from '../src/runner/Verdict.ts';
import { verdictOrThrow } from './verdictOrThrow.ts';

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
  const report = await judgeAdapter({ adapter: checked, spec: replaySpec(checked, adapterPath) }, resolved);
  return verdictOrThrow(report);
}

/** How the replay command names the adapter: the path given, a built-in's name, or a placeholder. */
export function replaySpec(adapter: Adapter, adapterPath: string | undefined): string {
  return adapterPath ?? (adapter.name in builtInAdapters ? adapter.name : `<path of the module exporting ${adapter.name}>`);
}
