// Why the vitest entry cannot judge a rule, decided when the tests are declared, as judgeAdapter
// decides it during a run: such a rule becomes `it.skip` with this reason in its name, never a
// pass. Live mode adds one reason at run time (no database here: describeLivePool.ts).
import type { Adapter } from '../src/adapter/Adapter.ts';
import { applicability } from '../src/runner/applicability.ts';
import type { Rule } from '../src/spec/rules.ts';
import { suiteFor } from './ruleSuites.ts';

export function skipReason(adapter: Adapter, rule: Rule, selected: readonly string[], mode: 'model' | 'live'): string | null {
  if (!selected.includes(rule.id)) return 'not selected (rules option)';
  if (mode === 'model' && adapter.runsOn?.model === false) {
    return "not judged here: the adapter has no model form; describe it with `mode: 'live'` or run it with `poolcheck run --mode live`";
  }
  const app = applicability(adapter, rule);
  if (app.kind === 'not-applicable') return `not applicable: ${app.reason}`;
  if (app.kind === 'skipped') return `skipped: ${app.reason}${app.link ? ` (${app.link})` : ''}`;
  if (rule.level === 'fork') return 'skipped: a cross-process rule, judged by `poolcheck run --mode fork`';
  if (!suiteFor(rule.id)) return `skipped: no ${mode}-mode property for this rule yet`;
  return null;
}
