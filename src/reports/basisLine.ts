// One short line saying whether the pool's documentation promises what a rule asks, for the
// terminal under a failed rule: a finding on a rule the docs are silent on is poolcheck's
// contract, not a promise the library broke.
import { CONTRACT_ONLY, type VerdictBasis } from '../runner/basisFor.ts';

/** Quotes longer than this are cut, with an ellipsis: the line stays short; report.json has it whole. */
const QUOTE_CHARS = 120;

export function basisLine(basis: VerdictBasis): string {
  if ('promised' in basis) {
    const quote = basis.promised.length > QUOTE_CHARS ? `${basis.promised.slice(0, QUOTE_CHARS - 1).trimEnd()}…` : basis.promised;
    return `the docs promise: "${quote}" (${basis.source})`;
  }
  return basis.silent === CONTRACT_ONLY ? "the docs are silent: this is poolcheck's contract" : `the docs are silent: this is poolcheck's contract (${basis.silent})`;
}
