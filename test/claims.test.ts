// Every built-in adapter says what each of its declarations rests on: the sentence of its pool's
// documentation, or why it is declared though the documentation is silent. validateAdapter
// refuses claims it cannot read, with one line saying what is wrong.
import { describe, expect, test } from 'vitest';
import { referenceAdapter } from '../adapters/reference/index.ts';
import { declaredCapabilities } from '../src/adapter/declaredCapabilities.ts';
import { loadAdapter, builtInAdapters } from '../src/adapter/loadAdapter.ts';
import { validateAdapter } from '../src/adapter/validateAdapter.ts';

describe.each(Object.keys(builtInAdapters))('built-in adapter %s', (name) => {
  test('gives a basis for every capability it declares', async () => {
    const { adapter } = await loadAdapter(name);
    const missing = declaredCapabilities(adapter.capabilities).filter((c) => adapter.claims?.[c] === undefined);
    expect(missing).toEqual([]);
  });
});

describe('validateAdapter checks the shape of claims', () => {
  const withClaims = (claims: unknown) => ({ ...referenceAdapter, claims });
  const cases: [string, unknown, RegExp][] = [
    ['not an object', 'docs', /^adapter x: expected `claims` to be an object, got `docs` \(string\)$/],
    ['an unknown key', { fastness: { silent: 'why' } }, /^adapter x: `claims\.fastness` names neither a capability .* nor a rule id$/],
    ['a capability not declared', { min: { silent: 'why' } }, /^adapter x: `claims\.min` gives a basis for a capability the adapter does not declare$/],
    ['both promised and silent', { fifo: { promised: 'q', source: 's', silent: 'w' } }, /^adapter x: expected `claims\.fifo` to be \{ promised: quote, source \} or \{ silent: why \}, got an object$/],
    ['neither', { fifo: {} }, /`claims\.fifo` to be \{ promised: quote, source \} or \{ silent: why \}/],
    ['a quote without its source', { fifo: { promised: 'waiters are served in order' } }, /^adapter x: expected `claims\.fifo` to quote the documentation \(`promised`\) and name where it says so \(`source`\), both non-empty$/],
    ['an empty reason', { 'CLOSE-1': { silent: ' ' } }, /^adapter x: expected `claims\.CLOSE-1\.silent` to say why/],
  ];
  test.each(cases)('refuses %s', (_what, claims, message) => {
    expect(() => validateAdapter('x', withClaims(claims))).toThrow(message);
  });

  test('accepts a basis by capability or by rule id, and no claims at all', () => {
    const ok = withClaims({ fifo: { promised: 'first come, first served', source: 'README' }, 'EXCL-2': { silent: 'the docs say nothing of a double release' } });
    expect(validateAdapter('x', ok)).toBe(ok);
    const { claims: _claims, ...none } = referenceAdapter;
    expect(validateAdapter('x', none)).toBe(none);
  });
});
