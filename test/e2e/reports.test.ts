// `--report-dir` end to end: report.json (valid against spec/report.schema.json, every rule of the
// catalogue listed), badge.svg and shields.json, for a passing, a failing and an erroring adapter;
// junit.xml and report.html for the whole run.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, type TestSuites } from 'junit2json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ruleIds } from './catalogue.ts';
import { reportProblems } from './reportSchema.ts';
import { type CliResult, runCli } from './runCli.ts';

interface RuleEntry {
  id: string;
  status: string;
  [field: string]: unknown;
}
interface Report {
  adapter: { name: string; spec: string };
  run: { seed: number; numRuns: number };
  levels: Record<string, string>;
  rules: RuleEntry[];
}

const problems = reportProblems;

const root = mkdtempSync(join(tmpdir(), 'poolcheck-e2e-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function runWithReports(name: string, args: readonly string[]): Promise<{ result: CliResult; dir: string }> {
  const dir = join(root, name);
  const result = await runCli(['run', ...args, '--seed', '1', '--runs', '30', '--report-dir', dir]);
  return { result, dir };
}
const readJson = <T>(dir: string, file: string): T => JSON.parse(readFileSync(join(dir, file), 'utf8')) as T;
const entry = (report: Report, id: string): RuleEntry => report.rules.find((r) => r.id === id)!;

describe('--report-dir for a pool that passes (reference)', () => {
  let run: { result: CliResult; dir: string };
  let report: Report;
  beforeAll(async () => {
    run = await runWithReports('reference', ['--adapter', 'reference']);
    report = readJson<Report>(run.dir, 'report.json');
  });

  it('exits 0 and says where the reports went', () => {
    expect(run.result.code).toBe(0);
    expect(run.result.stdout).toContain(`reports: ${join(run.dir, 'report.json')}, badge.svg, shields.json`);
  });

  it('writes a report.json that is valid against spec/report.schema.json', () => {
    expect(problems(report)).toBe('');
  });

  it('lists every rule of the catalogue once, in catalogue order', () => {
    expect(report.rules.map((r) => r.id)).toEqual(ruleIds);
  });

  it('records the run it describes', () => {
    expect(report.adapter).toMatchObject({ name: 'reference', spec: 'reference' });
    expect(report.run).toMatchObject({ seed: 1, numRuns: 30 });
    expect(new Set(report.rules.map((r) => r.status))).toEqual(new Set(['passed', 'not-applicable']));
  });

  it('writes an SVG badge and a shields endpoint that agree with the report', () => {
    expect(readFileSync(join(run.dir, 'badge.svg'), 'utf8')).toMatch(/^<svg[\s>]/);
    const shields = readJson<Record<string, unknown>>(run.dir, 'shields.json');
    expect(shields).toEqual({ schemaVersion: 1, label: 'poolcheck', message: 'core ✓ · overflow ✓ · timeouts ✓ · faults ✓ · misuse ✓', color: 'brightgreen' });
    expect(report.levels).toEqual({ core: 'passed', overflow: 'passed', timeouts: 'passed', faults: 'passed', misuse: 'passed', fork: 'none' });
  });
});

describe('--report-dir for a pool that fails (LIFO waiters)', () => {
  let run: { result: CliResult; dir: string };
  let report: Report;
  beforeAll(async () => {
    run = await runWithReports('lifo', ['--adapter', 'test/fixtures/lifoWaiters.ts']);
    report = readJson<Report>(run.dir, 'report.json');
  });

  it('writes a valid report.json whose failed rule carries the replay the terminal printed', () => {
    expect(run.result.code).toBe(1);
    expect(problems(report)).toBe('');
    expect(report.rules.map((r) => r.id)).toEqual(ruleIds);
    const failed = entry(report, 'WAIT-2');
    expect(failed.status).toBe('failed');
    expect(run.result.stdout).toContain(`    replay: ${String(failed.replay)}\n`);
    expect(report.rules.filter((r) => r.status === 'failed').map((r) => r.id)).toEqual(['WAIT-2']);
  });

  it('says for each judged rule whether the docs promise it: through the capability it needs, or silent', () => {
    // The fixture is the reference pool's adapter: its fifo claim quotes the pool's own comment.
    expect(entry(report, 'WAIT-2').basis).toEqual({ promised: 'waiters are served first come, first served', source: expect.stringContaining('ReferencePool.ts'), via: 'fifo' });
    expect(entry(report, 'EXCL-1').basis).toEqual({ silent: "poolcheck's contract; the documentation is silent" });
    expect(run.result.stdout).toContain(`             the docs promise: "waiters are served first come, first served" (${String((entry(report, 'WAIT-2').basis as { source: string }).source)})\n`);
  });

  it('writes junit.xml and report.html for the run, with the failure in both', async () => {
    expect(run.result.stdout).toContain(`junit: ${join(run.dir, 'junit.xml')}\n`);
    expect(run.result.stdout).toContain(`html: ${join(run.dir, 'report.html')}\n`);
    const junit = (await parse(readFileSync(join(run.dir, 'junit.xml'), 'utf8'))) as TestSuites;
    const judged = report.rules.filter((r) => r.status !== 'skipped' || r.reason !== 'not selected in this run (--rules)');
    expect(junit).toMatchObject({ tests: judged.length, failures: 1, errors: 0 });
    const failure = junit.testsuite![0]!.testcase!.find((c) => c.failure)!;
    expect(failure.name).toMatch(/^WAIT-2 /);
    expect(failure.failure![0]!.inner).toContain(`replay: ${String(entry(report, 'WAIT-2').replay)}`);
    const html = readFileSync(join(run.dir, 'report.html'), 'utf8');
    expect(html).toContain('data-timeline="WAIT-2"');
    expect(html).toContain(String(entry(report, 'WAIT-2').replay));
  });

  it('marks the failing level red on the badge', () => {
    expect(readJson<Record<string, unknown>>(run.dir, 'shields.json')).toMatchObject({ message: expect.stringContaining('core ✗'), color: 'red' });
    expect(readFileSync(join(run.dir, 'badge.svg'), 'utf8')).toMatch(/^<svg[\s>]/);
  });
});

describe('--report-dir for an adapter that errors, with a documented gap and --rules', () => {
  let run: { result: CliResult; dir: string };
  let report: Report;
  beforeAll(async () => {
    run = await runWithReports('errors', ['--adapter', 'test/fixtures/createThrows.ts', '--rules', 'EXCL-1,EXCL-2']);
    report = readJson<Report>(run.dir, 'report.json');
  });

  it('writes a valid report.json with errored, skipped-with-link and not-selected rules', () => {
    expect(run.result.code).toBe(1);
    expect(problems(report)).toBe('');
    expect(report.rules.map((r) => r.id)).toEqual(ruleIds);
    expect(entry(report, 'EXCL-1')).toMatchObject({ status: 'errored', message: expect.stringContaining('cannot build a pool today') });
    expect(entry(report, 'EXCL-2')).toMatchObject({ status: 'skipped', link: 'https://example.com/issues/1' });
    expect(entry(report, 'LEAK-1')).toMatchObject({ status: 'skipped', reason: 'not selected in this run (--rules)' });
  });
});

describe('spec/report.schema.json is not vacuous', () => {
  // A report known to be valid, tampered with in ways a reader must be able to rely on.
  let valid: Report;
  beforeAll(() => {
    valid = readJson<Report>(join(root, 'lifo'), 'report.json');
  });
  const tamper = (change: (r: Report & Record<string, unknown>) => void): Report => {
    const copy = structuredClone(valid) as Report & Record<string, unknown>;
    change(copy);
    return copy;
  };

  it('accepts a partial level: every judged rule passed, one was not run or was skipped', () => {
    expect(problems(tamper((r) => void (r.levels.core = 'partial')))).toBe('');
  });

  it('accepts a passed rule that its time limit cut short, saying how many workloads were asked for', () => {
    expect(problems(tamper((r) => void (entry(r, 'EXCL-1').cutShort = { asked: 50, limitMs: 5000 })))).toBe('');
  });

  it.each([
    ['a cut-short passed rule without how many were asked for', (r: Report) => void (entry(r, 'EXCL-1').cutShort = { limitMs: 5000 })],
    ['an unknown status', (r: Report) => void (r.rules[0]!.status = 'flaky')],
    ['a failed rule without its history', (r: Report) => void delete entry(r, 'WAIT-2').history],
    ['a failed rule without its replay command', (r: Report) => void delete entry(r, 'WAIT-2').replay],
    ['a failed rule without its basis', (r: Report) => void delete entry(r, 'WAIT-2').basis],
    ['a basis both promised and silent', (r: Report) => void (entry(r, 'EXCL-1').basis = { promised: 'q', source: 's', silent: 'w' })],
    ['a passed rule carrying a failure field', (r: Report) => void (entry(r, 'EXCL-1').violation = { rule: 'EXCL-1', message: 'x', events: [] })],
    ['a field the format does not define', (r: Report & Record<string, unknown>) => void (r.extra = true)],
    ['an unknown level status', (r: Report) => void (r.levels.core = 'green')],
  ])('rejects %s', (_what, change) => {
    expect(problems(tamper(change))).not.toBe('');
  });
});
