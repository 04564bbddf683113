// Whether a rule can be judged for an adapter: a rule whose capability the adapter does not
// declare is `not-applicable`, never `passed`; a documented gap is `skipped` with its link.
import type { Adapter } from '../adapter/Adapter.ts';
import type { Rule } from '../spec/rules.ts';

export type Applicability =
  | { readonly kind: 'applicable' }
  | { readonly kind: 'not-applicable'; readonly reason: string }
  | { readonly kind: 'skipped'; readonly reason: string; readonly link?: string };

export function applicability(adapter: Adapter, rule: Rule): Applicability {
  const caps = adapter.capabilities;
  const gap = adapter.knownGaps?.find((g) => g.rule === rule.id);
  if (gap) return { kind: 'skipped', reason: gap.reason, link: gap.link };
  const claimed: Record<Rule['needs'], boolean> = {
    core: true,
    retention: caps.retention !== null,
    fifo: caps.fifo !== null,
    acquireTimeout: caps.acquireTimeout !== null,
    query: caps.query,
    min: caps.min,
    fork: caps.fork !== null,
  };
  if (!claimed[rule.needs]) return { kind: 'not-applicable', reason: `the adapter does not declare \`${rule.needs}\`` };
  return { kind: 'applicable' };
}
