// junit.xml read back by a JUnit parser (junit2json, over xml2js's strict parser), as a CI system
// would: one suite per adapter and mode, one case per rule judged, failures with the workload and
// the replay line, errors, skips, times in seconds, and hostile strings that stay text.
import { parse, type TestCase, type TestSuite, type TestSuites } from 'junit2json';
import { describe, expect, it } from 'vitest';
import { junitXml } from '../../src/reports/junitXml.ts';
import { replayCommand } from '../../src/reports/replayCommand.ts';
import { hostileStrings, plainStrings, sampleReport } from './sampleReport.ts';

async function suitesOf(xml: string): Promise<TestSuites> {
  const parsed = await parse(xml);
  if (!parsed || !('testsuite' in parsed) || parsed.testsuite === undefined) throw new Error('not a <testsuites> document');
  return parsed;
}
const caseOf = (suite: TestSuite, rule: string): TestCase => suite.testcase!.find((c) => String(c.name).startsWith(`${rule} `))!;
// XML 1.0's Char production, whole document.
const XML_CHARS = /^[\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

describe('junitXml', () => {
  const model = sampleReport();
  const live = { ...sampleReport(), mode: 'live' as const, adapter: 'other', verdicts: sampleReport().verdicts.slice(0, 1) };

  it('has one testsuite per adapter and mode and one testcase per rule judged, with totals', async () => {
    const doc = await suitesOf(junitXml([model, live]));
    expect(doc).toMatchObject({ name: 'poolcheck', tests: 7, failures: 1, errors: 2, skipped: 2 });
    expect(doc.testsuite!.map((s) => s.name)).toEqual(['sample (model mode)', 'other (live mode)']);
    const [suite] = doc.testsuite!;
    expect(suite).toMatchObject({ tests: 6, failures: 1, errors: 2, skipped: 2, time: 1.234 });
    expect(suite!.testcase!.map((c) => c.name)).toEqual([
      'EXCL-1 exclusive checkout',
      'WAIT-2 waiters are served in arrival order',
      expect.stringMatching(/^LEAK-1 /),
      expect.stringMatching(/^ERR-1 /),
      expect.stringMatching(/^EXCL-2 /),
      expect.stringMatching(/^MIN-1 /),
    ]);
    expect(new Set(suite!.testcase!.map((c) => c.classname))).toEqual(new Set(['poolcheck.sample.model']));
    expect(Object.fromEntries(suite!.properties!.map((p) => [p.name, p.value]))).toMatchObject({ adapter: plainStrings.spec, mode: 'model', seed: 7 });
  });

  it('gives times in seconds', async () => {
    const [suite] = (await suitesOf(junitXml([model]))).testsuite!;
    expect(caseOf(suite!, 'EXCL-1').time).toBe(0.051);
    expect(caseOf(suite!, 'LEAK-1').time).toBe(2.5);
  });

  it('carries a failure message, the minimal workload, the history and the replay line', async () => {
    const [suite] = (await suitesOf(junitXml([model]))).testsuite!;
    const failed = caseOf(suite!, 'WAIT-2');
    expect(failed.failure).toHaveLength(1);
    const [failure] = failed.failure!;
    expect(failure!.message).toBe(plainStrings.violation);
    expect(failure!.inner).toContain('minimal workload (after 16 shrinks):');
    expect(failure!.inner).toContain('  t1 at 0 ms: acquire, hold 5 ms, release');
    expect(failure!.inner).toContain('> #9 ');
    expect(failure!.inner).toContain(`replay: ${replayCommand(model, 'WAIT-2', 7, '1:0:2')}`);
    expect(caseOf(suite!, 'EXCL-1').failure).toBeUndefined();
  });

  it('reports errored rules as <error>, with the workload when one was running', async () => {
    const [suite] = (await suitesOf(junitXml([model]))).testsuite!;
    expect(caseOf(suite!, 'LEAK-1').error![0]).toMatchObject({ message: plainStrings.error, type: 'errored', inner: expect.stringContaining(`replay: ${replayCommand(model, 'LEAK-1', 7, '3')}`) });
    expect(caseOf(suite!, 'ERR-1').error![0]).toMatchObject({ message: plainStrings.error, inner: plainStrings.error });
  });

  it('reports skipped and not-applicable rules as <skipped> with their reason', async () => {
    const [suite] = (await suitesOf(junitXml([model]))).testsuite!;
    expect(caseOf(suite!, 'EXCL-2').skipped).toEqual([{ message: `${plainStrings.reason} (https://example.com/issues/1?a=1&b=2)` }]);
    expect(caseOf(suite!, 'MIN-1').skipped).toEqual([{ message: 'not applicable: the adapter does not declare `min`' }]);
  });

  it('keeps hostile names and messages as text, with characters XML 1.0 forbids written out', async () => {
    const xml = junitXml([sampleReport(hostileStrings)]);
    expect(xml).toMatch(XML_CHARS);
    const [suite] = (await suitesOf(xml)).testsuite!;
    expect(suite!.name).toBe(`${hostileStrings.adapter} (model mode)`);
    expect(Object.fromEntries(suite!.properties!.map((p) => [p.name, p.value]))).toMatchObject({ adapter: hostileStrings.spec, pool: `${hostileStrings.pool} 1.0.0` });
    const failure = caseOf(suite!, 'WAIT-2').failure![0]!;
    expect(failure.message).toBe(hostileStrings.violation.replaceAll('\u001b', '\\u001b'));
    expect(failure.inner).toContain(hostileStrings.historyError);
    expect(caseOf(suite!, 'ERR-1').error![0]!.message).toBe(hostileStrings.error.replace('\u0000', '\\u0000').replace('\uFFFE', '\\ufffe').replace('\uD800', '\\ud800'));
    expect(caseOf(suite!, 'EXCL-2').skipped![0]!.message).toContain(hostileStrings.reason);
  });

  it('keeps line breaks in attributes, which a parser would otherwise fold to spaces', async () => {
    const multiline = sampleReport({ ...plainStrings, violation: 'line one\nline two\ttabbed' });
    const [suite] = (await suitesOf(junitXml([multiline]))).testsuite!;
    expect(caseOf(suite!, 'WAIT-2').failure![0]!.message).toBe('line one\nline two\ttabbed');
  });

  it('is checked by a parser that rejects what is not well-formed', async () => {
    // The same document with one name left unescaped: the checks above are not vacuous.
    const broken = junitXml([model]).replace('name="sample (model mode)"', 'name="a < b & c"');
    await expect(parse(broken)).rejects.toThrow();
  });
});
