// Never killed by the pool under test (issue 7). A pool that throws where nobody can catch it (a
// timer, a nextTick, a promise nobody awaits, an 'error' event nobody hears) gets the rule whose
// workload did it reported `errored` with the error and the workload; the other rules are judged
// and the report is written. Each fixture misbehaves only on a double release, which EXCL-2's
// workloads make and EXCL-1's never do.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './e2e/runCli.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

interface ReportVerdict {
  readonly id: string;
  readonly status: string;
  readonly message?: string;
  readonly counterexample?: unknown;
}

async function judge(fixture: string, rules: string, extraEnv: NodeJS.ProcessEnv = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'poolcheck-isolation-test-'));
  dirs.push(dir);
  const started = performance.now();
  const result = await runCli(['run', '--adapter', `test/fixtures/${fixture}.ts`, '--rules', rules, '--runs', '20', '--seed', '1', '--report-dir', dir], {
    ...process.env,
    NO_COLOR: '1',
    ...extraEnv,
  });
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { rules: ReportVerdict[] };
  const verdict = (rule: string) => report.rules.find((v) => v.id === rule)!;
  return { ...result, verdict, ms: performance.now() - started };
}

describe('a pool that throws asynchronously', () => {
  const cases = [
    { fixture: 'throwsFromTimer', name: 'throws-from-timer', error: /the pool threw from a timer callback: Error: released twice \(from a timer\)/ },
    { fixture: 'throwsFromNextTick', name: 'throws-from-next-tick', error: /the pool threw asynchronously: Error: released twice \(from a nextTick\) \(an uncaught exception/ },
    { fixture: 'rejectsUnhandled', name: 'rejects-unhandled', error: /the pool threw asynchronously: Error: released twice \(a promise nobody awaits\) \(an unhandled rejection/ },
    { fixture: 'errorEventUnheard', name: 'error-event-unheard', error: /the pool threw asynchronously: Error: released twice \(an error event nobody hears\) \(an uncaught exception/ },
  ];
  for (const { fixture, name, error } of cases) {
    it(`${name}: EXCL-2 errored with the error and its workload, EXCL-1 and BOUND-1 judged, the report written`, async () => {
      const { code, stdout, stderr, verdict } = await judge(fixture, 'EXCL-1,EXCL-2,BOUND-1');
      expect(stderr).toBe('');
      expect(code).toBe(1);
      expect(stdout).toMatch(new RegExp(`! EXCL-2 errored for ${name}: ${error.source}`));
      // The workload that threw, shrunk, and the command that replays it.
      expect(stdout).toMatch(/ {4}workload:\n {6}pool: size/);
      expect(stdout).toMatch(/replay: npx poolcheck run --adapter test\/fixtures\/\w+\.ts --rules EXCL-2 --seed 1 --path \d/);
      expect(verdict('EXCL-1').status).toBe('passed');
      expect(verdict('BOUND-1').status).toBe('passed');
      expect(verdict('EXCL-2')).toMatchObject({ status: 'errored', message: expect.stringMatching(error) });
      expect(verdict('EXCL-2').counterexample).toBeDefined();
    });
  }
});
