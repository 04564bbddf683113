// Every built-in adapter says what each of its declarations rests on: the sentence of its pool's
// documentation, or why it is declared though the documentation is silent. validateAdapter
// refuses claims it cannot read, with one line saying what is wrong. Every verdict takes its basis
// from them, and a workload prints the acquire timeout a pool really ran with.
import { describe, expect, test } from 'vitest';
import { referenceAdapter } from '../adapters/reference/index.ts';
import { declaredCapabilities } from '../src/adapter/declaredCapabilities.ts';
import { loadAdapter, builtInAdapters } from '../src/adapter/loadAdapter.ts';
import { validateAdapter } from '../src/adapter/validateAdapter.ts';
import type { Capabilities } from '../src/adapter/Adapter.ts';
import { basisLine } from '../src/reports/basisLine.ts';
import { basisFor, CONTRACT_ONLY } from '../src/runner/basisFor.ts';
import { formatWorkload } from '../src/workload/formatWorkload.ts';

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

describe('each verdict takes its basis from the claims', () => {
  const adapter = {
    claims: {
      fifo: { promised: 'first come, first served', source: 'README' },
      'CLOSE-1': { silent: 'the docs say close() ends the pool, not what becomes of waiters' },
      query: { promised: 'releases the connection', source: 'README' },
      'QUERY-1': { promised: 'the helper never leaks', source: 'README (query)' },
    },
  } as const;

  test('a rule takes the claim of the capability it needs (rules.json needs)', () => {
    expect(basisFor(adapter, 'WAIT-2')).toEqual({ promised: 'first come, first served', source: 'README', via: 'fifo' });
  });

  test("a rule's own claim comes first, promised or silent", () => {
    expect(basisFor(adapter, 'QUERY-1')).toEqual({ promised: 'the helper never leaks', source: 'README (query)', via: 'QUERY-1' });
    expect(basisFor(adapter, 'CLOSE-1')).toEqual({ silent: 'the docs say close() ends the pool, not what becomes of waiters', via: 'CLOSE-1' });
  });

  test('a core rule with no claim of its own, or an adapter with no claims, is the contract alone', () => {
    expect(basisFor(adapter, 'EXCL-2')).toEqual({ silent: CONTRACT_ONLY });
    expect(basisFor({}, 'WAIT-2')).toEqual({ silent: CONTRACT_ONLY });
  });

  test('the terminal says it in one line', () => {
    expect(basisLine(basisFor(adapter, 'WAIT-2'))).toBe('the docs promise: "first come, first served" (README)');
    expect(basisLine({ silent: CONTRACT_ONLY })).toBe("the docs are silent: this is poolcheck's contract");
    expect(basisLine(basisFor(adapter, 'CLOSE-1'))).toBe("the docs are silent: this is poolcheck's contract (the docs say close() ends the pool, not what becomes of waiters)");
    expect(basisLine({ promised: 'x'.repeat(300), source: 's' })).toMatch(/^the docs promise: "x{119}…" \(s\)$/);
  });
});

describe('a workload names the acquire timeout the pool ran with', () => {
  const workload = { config: { size: 1, maxOverflow: 0, acquireTimeoutMs: null, idleTimeoutMs: null, min: 0 }, defaultConnectMs: 0, connects: [], kills: [], closeAt: null, tasks: [], promise: 'native' as const };
  const firstLine = (acquireTimeout: Capabilities['acquireTimeout'], acquireTimeoutMs: number | null = null) =>
    formatWorkload({ workload: { ...workload, config: { ...workload.config, acquireTimeoutMs } }, ties: [] }, { acquireTimeout })[0];

  test("the pool's own default when its timeout cannot be turned off", () => {
    expect(firstLine({ covers: 'whole-acquire', defaultMs: 30_000 })).toBe("pool: size 1, maxOverflow 0, acquireTimeout the pool's default (30 s), idleTimeout none, min 0");
    expect(firstLine({ covers: 'whole-acquire', defaultMs: 1_500 })).toContain("acquireTimeout the pool's default (1500 ms),");
  });

  test('none only when there is none; the configured one when there is one', () => {
    expect(firstLine({ covers: 'whole-acquire', defaultMs: null })).toContain('acquireTimeout none,');
    expect(firstLine(null)).toContain('acquireTimeout none,');
    expect(firstLine({ covers: 'whole-acquire', defaultMs: 30_000 }, 25)).toContain('acquireTimeout 25 ms,');
  });
});
