// The main job end to end, on fixtures fast enough for a test: the results matrix of a run of
// several adapters (rows: pools and modes, columns: levels, then what failed or why a row was
// skipped), the Markdown summary, reports per adapter and mode with `--mode both`, and plain
// output without a terminal. The real `npm start` (embedded PostgreSQL) is measured by hand.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containerRuntimeAnswers } from '../../src/live/database/containerRuntimeAnswers.ts';
import { noMysql } from '../../src/live/database/provisionMysql.ts';
import { type CliResult, runCli } from './runCli.ts';

const root = mkdtempSync(join(tmpdir(), 'poolcheck-start-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The CLI as CI runs it: stdout a pipe, no NO_COLOR, no CI variable, no MySQL configured. */
function runPlain(args: readonly string[]): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['NO_COLOR', 'CI', 'POOLCHECK_MYSQL_URL']) delete env[name];
  return runCli(args, env);
}

/** The matrix's lines: from its header to the end of the indented block after `results`. */
function matrix(stdout: string): string[] {
  const lines = stdout.split('\n');
  const start = lines.indexOf('results');
  expect(start, 'a results block').toBeGreaterThan(-1);
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((l) => !l.startsWith('  '));
  return rest.slice(0, end === -1 ? undefined : end).map((l) => l.trim());
}
const cells = (line: string) => line.split(/\s{2,}/);

describe('a run of a passing and a failing pool, and a MySQL one with no MySQL here', () => {
  let result: CliResult;
  let dir: string;
  let runtime: boolean;
  beforeAll(async () => {
    runtime = await containerRuntimeAnswers(process.env);
    dir = join(root, 'three');
    const adapters = ['reference', 'test/fixtures/lifoWaiters.ts', 'test/fixtures/mysqlOnly.ts'].flatMap((a) => ['--adapter', a]);
    // --allow-skipped: the MySQL run judges nothing here, which alone would exit 2 (exitCodes.test.ts).
    result = await runPlain(['run', ...adapters, '--seed', '1', '--runs', '20', '--report-dir', dir, '--allow-skipped']);
  });

  it('exits 1 (a rule failed) with nothing on stderr', () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
  });

  it('ends with a matrix: one row per pool and mode, a column per level, the failed rules', () => {
    const [header, reference, lifo] = matrix(result.stdout);
    expect(cells(header!)).toEqual(['pool', 'mode', 'core', 'overflow', 'timeouts', 'faults', 'misuse', 'fork', 'notes']);
    expect(cells(reference!)).toEqual(['reference (poolcheck reference pool 1)', 'model', '✓', '✓', '✓', '✓', '✓', 'n/a']);
    expect(cells(lifo!)).toEqual(['lifo-waiters (poolcheck reference pool 1)', 'model', '✗', '✓', '✓', '✓', '✓', 'n/a', 'failed: WAIT-2']);
  });

  it('says why the MySQL row was not judged', ({ skip }) => {
    if (runtime) skip('a container runtime answers here: the MySQL adapter would run on a testcontainers MariaDB');
    const row = matrix(result.stdout)[3]!;
    expect(cells(row)).toEqual(['mysql-only (poolcheck reference pool 1)', 'live', 'skipped', 'skipped', 'skipped', 'skipped', 'skipped', 'n/a', `skipped: ${noMysql}`]);
  });

  it('writes the same matrix as Markdown to summary.md', () => {
    const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
    expect(result.stdout).toContain(`summary: ${join(dir, 'summary.md')}\n`);
    expect(summary).toContain('| pool | mode | core | overflow | timeouts | faults | misuse | fork | notes |\n|---|---|---|---|---|---|---|---|---|\n');
    expect(summary).toContain('| reference (poolcheck reference pool 1) | model | ✓ | ✓ | ✓ | ✓ | ✓ | n/a |  |\n');
    expect(summary).toContain('| lifo-waiters (poolcheck reference pool 1) | model | ✗ | ✓ | ✓ | ✓ | ✓ | n/a | failed: WAIT-2 |\n');
    if (!runtime) expect(summary).toContain(`| mysql-only (poolcheck reference pool 1) | live | skipped | skipped | skipped | skipped | skipped | n/a | skipped: ${noMysql} |\n`);
  });

  it('writes reports per adapter and mode', () => {
    for (const [adapter, mode] of [['reference', 'model'], ['lifo-waiters', 'model'], ['mysql-only', 'live']]) {
      for (const file of ['report.json', 'badge.svg', 'shields.json']) expect(existsSync(join(dir, adapter!, mode!, file)), `${adapter}/${mode}/${file}`).toBe(true);
    }
  });

  it('prints no ANSI escape when stdout is not a terminal', () => {
    expect(result.stdout).not.toContain('\x1b');
  });
});

describe('--mode both', () => {
  let result: CliResult;
  let dir: string;
  beforeAll(async () => {
    dir = join(root, 'both');
    const adapters = ['test/fixtures/mysqlOnly.ts', 'test/fixtures/referenceOnMysql.ts'].flatMap((a) => ['--adapter', a]);
    result = await runPlain(['run', ...adapters, '--mode', 'both', '--seed', '1', '--runs', '20', '--report-dir', dir, '--allow-skipped']);
  });

  it('judges each adapter in every mode it has, model runs first', () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const rows = matrix(result.stdout).slice(1).map((r) => cells(r).slice(0, 2));
    expect(rows).toEqual([
      ['reference-on-mysql (poolcheck reference pool 1)', 'model'],
      ['mysql-only (poolcheck reference pool 1)', 'live'],
      ['reference-on-mysql (poolcheck reference pool 1)', 'live'],
    ]);
  });

  it('keeps the reports of one adapter in two modes apart, each saying its mode', () => {
    const mode = (m: string) => (JSON.parse(readFileSync(join(dir, 'reference-on-mysql', m, 'report.json'), 'utf8')) as { run: { mode: string } }).run.mode;
    expect([mode('model'), mode('live')]).toEqual(['model', 'live']);
  });

  it('is documented in `poolcheck run --help`', async () => {
    const help = await runCli(['run', '--help']);
    expect(help.stdout.replace(/\s+/g, ' ')).toContain('both: every mode the adapter has');
  });

  it('refuses --path, which replays one failure in one mode', async () => {
    const bad = await runCli(['run', '--adapter', 'reference', '--mode', 'both', '--rules', 'WAIT-2', '--seed', '1', '--path', '1:0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('poolcheck: --path replays one failure in one mode: give --mode model or --mode live (as printed with the failure)\n');
  });
});
