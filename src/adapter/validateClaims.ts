// Checks the shape of an adapter's `claims`: each key a capability it declares or a rule of the
// catalogue, each value `{ promised: quote, source }` or `{ silent: why }`, all non-empty text.
// Returns what is wrong, as one line, or null.
import { describeValue } from '../errors.ts';
import { ruleById } from '../spec/rules.ts';
import type { Capabilities } from './Adapter.ts';
import { CAPABILITY_NAMES, type CapabilityName, declaredCapabilities } from './declaredCapabilities.ts';

const text = (v: unknown): boolean => typeof v === 'string' && v.trim() !== '';

export function validateClaims(claims: unknown, capabilities: Capabilities): string | null {
  if (claims === undefined) return null;
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) return `expected \`claims\` to be an object, got ${describeValue(claims)}`;
  const declared = declaredCapabilities(capabilities);
  for (const [key, basis] of Object.entries(claims)) {
    const isCapability = (CAPABILITY_NAMES as readonly string[]).includes(key);
    if (!isCapability && !ruleById(key)) return `\`claims.${key}\` names neither a capability (${CAPABILITY_NAMES.join(', ')}) nor a rule id`;
    if (isCapability && !declared.includes(key as CapabilityName)) return `\`claims.${key}\` gives a basis for a capability the adapter does not declare`;
    const b = basis as Record<string, unknown> | null;
    const promised = typeof b === 'object' && b !== null && 'promised' in b;
    const silent = typeof b === 'object' && b !== null && 'silent' in b;
    if (promised === silent) return `expected \`claims.${key}\` to be { promised: quote, source } or { silent: why }, got ${describeValue(basis)}`;
    if (promised && !(text(b.promised) && text(b.source))) return `expected \`claims.${key}\` to quote the documentation (\`promised\`) and name where it says so (\`source\`), both non-empty`;
    if (silent && !text(b.silent)) return `expected \`claims.${key}.silent\` to say why it is claimed though the documentation is silent, got ${describeValue(b.silent)}`;
  }
  return null;
}
