// The vitest entry (`poolcheck/vitest`): a pool's own test file runs the conformance rules as
// tests in a few lines.
//
//   import { describePool } from 'poolcheck/vitest';
//   import { myAdapter } from './myAdapter.ts';
//   describePool(myAdapter, { seed: 42, adapterPath: 'test/myAdapter.ts' });
//
// One `it` per rule of the catalogue. Rules the adapter cannot be judged by are `it.skip` with the
// reason in the test name, never a pass. The seed is resolved once, so every rule runs with the
// same seed and a failure's message carries it. Long profiles may need a longer test timeout.
// Rules are judged in the test's own thread (an adapter object cannot cross to a worker thread):
// what a pool throws where nobody catches it still becomes an errored rule, but a pool that spins
// in a synchronous loop holds the test until vitest gives up on it; `poolcheck run --adapter
// <path>` judges it in a worker thread that is stopped (spec/README.md, isolation).
import { describe, it } from 'vitest';
import type { Adapter } from '../src/adapter/Adapter.ts';
import { validateAdapter } from '../src/adapter/validateAdapter.ts';
import { resolveRunOptions } from '../src/options/resolveRunOptions.ts';
import { applicability } from '../src/runner/applicability.ts';
import { rules, type Rule } from '../src/spec/rules.ts';
import { assertRule, type PoolSuiteOptions } from './assertRule.ts';
import { suiteFor } from './ruleSuites.ts';

export type { PoolSuiteOptions } from './assertRule.ts';
export { assertRule } from './assertRule.ts';

export function describePool(adapter: Adapter, options: PoolSuiteOptions = {}): void {
  const checked = validateAdapter(adapter?.name ?? 'adapter', adapter);
  const { adapterPath: _adapterPath, ...loose } = options;
  const resolved = resolveRunOptions(loose);
  const pinned: PoolSuiteOptions = { ...options, seed: resolved.seed };
  describe(`poolcheck · ${checked.name} · seed ${resolved.seed}`, () => {
    for (const rule of rules) {
      const name = `${rule.id} ${rule.title}`;
      const reason = skipReason(checked, rule, resolved.rules);
      if (reason !== null) it.skip(`${name} (${reason})`, () => {});
      else it(name, async () => void (await assertRule(checked, rule.id, pinned)));
    }
  });
}

/** Why a rule cannot be judged, decided before the run as judgeAdapter decides it during one. */
function skipReason(adapter: Adapter, rule: Rule, selected: readonly string[]): string | null {
  if (!selected.includes(rule.id)) return 'not selected (rules option)';
  // The vitest entry judges in model mode; live-only adapters run with `poolcheck run --mode live`.
  if (adapter.runsOn?.model === false) return 'not judged here: the adapter has no model form; run it with `poolcheck run --mode live`';
  const app = applicability(adapter, rule);
  if (app.kind === 'not-applicable') return `not applicable: ${app.reason}`;
  if (app.kind === 'skipped') return `skipped: ${app.reason}${app.link ? ` (${app.link})` : ''}`;
  if (rule.level === 'fork') return 'skipped: a cross-process rule, judged by `poolcheck run --mode fork`';
  if (!suiteFor(rule.id)) return 'skipped: no model-mode property for this rule yet';
  return null;
}
