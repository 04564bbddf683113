// What a verdict rests on: the sentence of the pool's documentation that promises the rule's
// behaviour, taken from the adapter's claim for the rule itself, else from its claim for the
// capability the rule needs (rules.json `needs`); else the documentation is silent and the rule
// is poolcheck's own contract. A report shows it, so that a finding never reads as a broken
// promise the library did not make.
import type { Adapter, Basis } from '../adapter/Adapter.ts';
import { ruleById } from '../spec/rules.ts';

/** The basis of a judged verdict, and the claim it came from (a rule id or a capability name). */
export type VerdictBasis = Basis & { readonly via?: string };

export const CONTRACT_ONLY = "poolcheck's contract; the documentation is silent";

export function basisFor(adapter: Pick<Adapter, 'claims'>, ruleId: string): VerdictBasis {
  const need = ruleById(ruleId)?.needs;
  for (const key of [ruleId, need]) {
    if (key === undefined || key === 'core') continue;
    const claim = adapter.claims?.[key];
    if (claim) return { ...claim, via: key };
  }
  return { silent: CONTRACT_ONLY };
}
