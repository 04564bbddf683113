// A rule whose real-time limit (live and fork mode) stops exploring before the workloads asked for
// says how many ran: on its verdict (`cutShort`), in report.json and on its line of the terminal
// report. Regression: `--runs 50` in live mode ran 11 workloads under a header saying 50.
// The limit is injected (0 ms: over as soon as the first workload has finished), so the test does
// not depend on how fast this machine is.
import { describe, expect, it } from 'vitest';
import { referenceAdapter } from '../adapters/reference/index.ts';
import { suiteFor } from '../suites/ruleSuites.ts';
import type { Adapter } from '../src/adapter/Adapter.ts';
import { resolveRunOptions } from '../src/options/resolveRunOptions.ts';
import { jsonReport } from '../src/reports/jsonReport.ts';
import { textReporter } from '../src/reports/textReporter.ts';
import { checkRule } from '../src/runner/checkRule.ts';
import { judgeAdapter } from '../src/runner/judgeAdapter.ts';
import { ruleById } from '../src/spec/rules.ts';
import { reportProblems } from './e2e/reportSchema.ts';

const adapter: Adapter = referenceAdapter;
const excl1 = suiteFor('EXCL-1')!;

describe('a rule cut short by its time limit', () => {
  it('passes with the workloads that ran, and says how many were asked for and the limit', async () => {
    const verdict = await checkRule(adapter, excl1, { numRuns: 50, seed: 1, path: null, timeLimitMs: 0 });
    expect(verdict).toMatchObject({ status: 'passed', runs: 1, cutShort: { asked: 50, limitMs: 0 } });
  });

  it('says nothing of the kind when every workload asked for ran', async () => {
    const verdict = await checkRule(adapter, excl1, { numRuns: 20, seed: 1, path: null, timeLimitMs: 600_000 });
    expect(verdict.status).toBe('passed');
    expect(verdict).not.toHaveProperty('cutShort');
    expect(verdict).toMatchObject({ runs: 20 });
  });

  it('is in report.json (valid against spec/report.schema.json) and on the rule line of the terminal', async () => {
    const cut = await checkRule(adapter, excl1, { numRuns: 50, seed: 1, path: null, timeLimitMs: 0 });
    const judged = await judgeAdapter({ adapter, spec: 'reference' }, resolveRunOptions({ rules: 'EXCL-1', numRuns: 50, seed: 1 }));
    const report = { ...judged, verdicts: [cut] };
    const doc = jsonReport(report) as { rules: Array<Record<string, unknown>> };
    expect(reportProblems(doc)).toBe('');
    expect(doc.rules.find((r) => r['id'] === 'EXCL-1')).toMatchObject({ status: 'passed', runs: 1, cutShort: { asked: 50, limitMs: 0 } });
    let out = '';
    textReporter((s) => (out += s), false).onRuleResult?.(report, ruleById('EXCL-1')!, cut);
    expect(out).toMatch(/✓ EXCL-1 +passed +1 run .*\(1 of 50 workloads: the rule's 0 ms limit\)\n$/);
  });
});
