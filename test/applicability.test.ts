// A rule the adapter cannot be judged by is never reported passed.
import { describe, expect, it } from 'vitest';
import { referenceAdapter } from '../adapters/reference/index.ts';
import { applicability } from '../src/runner/applicability.ts';
import { ruleById } from '../src/spec/rules.ts';
import { judgeAdapter } from '../src/runner/judgeAdapter.ts';
import { resolveRunOptions } from '../src/options/resolveRunOptions.ts';

describe('applicability', () => {
  it('a capability the adapter does not declare makes its rules not applicable', () => {
    expect(applicability(referenceAdapter, ruleById('MIN-1')!)).toMatchObject({ kind: 'not-applicable' });
    expect(applicability(referenceAdapter, ruleById('FORK-1')!)).toMatchObject({ kind: 'not-applicable' });
  });

  it('FORK-1 and FORK-2 apply to a pool that declares fork, and outside fork mode are skipped, not passed', async () => {
    const claimsFork = { ...referenceAdapter, capabilities: { ...referenceAdapter.capabilities, fork: 'per-process' as const } };
    for (const id of ['FORK-1', 'FORK-2']) expect(applicability(claimsFork, ruleById(id)!)).toEqual({ kind: 'applicable' });
    const report = await judgeAdapter({ adapter: claimsFork, spec: 'reference' }, resolveRunOptions({ rules: 'FORK-1,FORK-2', seed: 1 }));
    for (const v of report.verdicts) expect(v).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/judged in fork mode \(`--mode fork`\)/) });
  });

  it('a documented gap is skipped with its link', () => {
    const withGap = { ...referenceAdapter, knownGaps: [{ rule: 'WAIT-2', reason: 'documented as unordered', link: 'https://example.org/docs#order' }] };
    expect(applicability(withGap, ruleById('WAIT-2')!)).toEqual({ kind: 'skipped', reason: 'documented as unordered', link: 'https://example.org/docs#order' });
  });
});
