// The vitest entry in live mode, from outside: a pool's own test project (test/fixtures/vitestLive/)
// is run by a vitest of its own, as its author would run it, and what that vitest reports is read
// back: a correct pool passes its rules on the machine's PostgreSQL, a broken one fails with the
// replay command (`--mode live --db ...`) and the shrunk workload, and a database that cannot be
// had skips every rule with the reason, never passes, and never prints the URL's password.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './e2e/runCli.ts';
import { portAnswers } from './live/portAnswers.ts';

interface Assertion {
  readonly title: string;
  readonly ancestorTitles: readonly string[];
  readonly status: 'passed' | 'failed' | 'skipped' | 'pending' | 'todo';
  readonly failureMessages: readonly string[];
}
interface Outcome {
  /** vitest's JSON report, by fixture file name. */
  readonly files: ReadonlyMap<string, readonly Assertion[]>;
  /** The verbose reporter's lines: a skipped test's note is only there, in brackets. */
  readonly lines: readonly string[];
}

const localPg = await portAnswers(5432);
const fixtures = ['noDatabase.fixture.ts', ...(localPg ? ['localPg.fixture.ts'] : [])];

/** Runs vitest on the fixture project, as `npx vitest run` would, and reads what it reported. */
function runFixtures(dir: string): Promise<Outcome> {
  const json = join(dir, 'results.json');
  const args = ['node_modules/vitest/vitest.mjs', 'run', '--root', 'test/fixtures/vitestLive', '--reporter=verbose', '--reporter=json', `--outputFile.json=${json}`, ...fixtures];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1', CI: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.on('error', reject);
    child.on('close', () => {
      try {
        const report = JSON.parse(readFileSync(json, 'utf8')) as { testResults: { name: string; assertionResults: Assertion[] }[] };
        const files = new Map(report.testResults.map((f) => [f.name.split('/').at(-1)!, f.assertionResults]));
        resolve({ files, lines: out.split('\n') });
      } catch (error) {
        // No report: vitest itself failed (a fixture that does not load); what it printed says why.
        reject(new Error(`the fixture project's vitest wrote no report (${String(error)}):\n${out}`));
      }
    });
  });
}

const find = (outcome: Outcome, file: string, pool: string, rule: string): Assertion | undefined =>
  outcome.files.get(file)?.find((a) => a.ancestorTitles.some((t) => t.includes(`· ${pool} ·`)) && a.title.startsWith(`${rule} `));

describe('describePool in live mode, run by a vitest of its own', () => {
  const dir = { path: '' };
  let outcome: Outcome;

  beforeAll(async () => {
    dir.path = mkdtempSync(join(tmpdir(), 'poolcheck-vitest-live-'));
    outcome = await runFixtures(dir.path);
  }, 120_000);

  afterAll(() => rmSync(dir.path, { recursive: true, force: true }));

  it('skips every rule, with the reason and without the password, where the database cannot be had', () => {
    const excl = find(outcome, 'noDatabase.fixture.ts', 'reference', 'EXCL-1');
    expect(excl?.status).toBe('skipped');
    const note = outcome.lines.find((l) => l.includes('noDatabase.fixture.ts') && l.includes('EXCL-1 '));
    expect(note).toMatch(/\[no postgres database: cannot reach PostgreSQL at 127\.0\.0\.1:1 \(from --db\)/);
    expect(outcome.lines.join('\n')).not.toContain('secret-pw');
    // Nothing passed: a rule the adapter cannot be judged by is skipped before the database is asked.
    expect(outcome.files.get('noDatabase.fixture.ts')!.filter((a) => a.status !== 'skipped')).toEqual([]);
    expect(find(outcome, 'noDatabase.fixture.ts', 'reference', 'MIN-1')?.title).toMatch(/\(not applicable: /);
  });

  it.runIf(localPg)("judges a correct pool's rules on the machine's PostgreSQL: they pass, the others are skipped", () => {
    expect(find(outcome, 'localPg.fixture.ts', 'pg-pool', 'EXCL-1')?.status).toBe('passed');
    expect(find(outcome, 'localPg.fixture.ts', 'pg-pool', 'BOUND-1')?.status).toBe('passed');
    expect(find(outcome, 'localPg.fixture.ts', 'pg-pool', 'LEAK-1')).toMatchObject({ status: 'skipped', title: expect.stringContaining('(not selected (rules option))') });
  });

  it.runIf(localPg)('fails a broken pool with the violation, the live replay command with its --db, and the shrunk workload', () => {
    const bound = find(outcome, 'localPg.fixture.ts', 'size-only-concurrency', 'BOUND-3');
    expect(bound?.status).toBe('failed');
    const lines = bound!.failureMessages[0]!.split('\n');
    expect(lines[0]).toMatch(/^Error: ✗ BOUND-3 failed for size-only-concurrency: [tp]\d+ arrived at .* connections free and was left waiting/);
    expect(lines[1]).toMatch(
      /^ {4}replay: npx poolcheck run --adapter test\/broken\/sizeOnlyConcurrency\.ts --mode live --db postgres:\/\/postgres@127\.0\.0\.1:5432\/postgres --rules BOUND-3 --seed 1 --path \d+(:\d+)*$/,
    );
    expect(lines[2]).toMatch(/^ {4}minimal workload \(after \d+ shrinks\):$/);
    expect(lines[3]).toMatch(/^ {6}pool: size \d+, maxOverflow [1-9]/);
    expect(lines).toContain('    history (> marks the events that break the rule):');
    // Judged by the server's own list of the run's sessions.
    expect(lines.some((l) => /^ {4}[> ] #\d+ .* server +audit +info +the server lists \d+ session/.test(l))).toBe(true);
  });
});
