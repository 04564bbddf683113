// Exit codes a CI job can trust, end to end: a run (one adapter in one mode) that judged nothing
// (every applicable rule skipped: a pool that cannot start here, a MySQL adapter with no MySQL)
// exits 2 with one line saying so, after writing its reports, unless --allow-skipped; --exit-zero
// turns only 1 into 0; `poolcheck --version` prints package.json's version. Regressions of the
// issue "poolcheck as its users install and run it": such runs used to exit 0.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { containerRuntimeAnswers } from '../../src/live/database/containerRuntimeAnswers.ts';
import { noMysql } from '../../src/live/database/provisionMysql.ts';
import { repoRoot, runCli } from './runCli.ts';

const root = mkdtempSync(join(tmpdir(), 'poolcheck-exit-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A process adapter whose command is not installed: every rule skipped, nothing started. */
const notInstalled = ['--adapter', 'test/fixtures/notInstalled.adapter.json'];
const lifo = ['--adapter', 'test/fixtures/lifoWaiters.ts', '--rules', 'WAIT-2', '--runs', '30', '--seed', '1'];

const oneLine = (stderr: string): string => {
  expect(stderr.endsWith('\n'), stderr).toBe(true);
  expect(stderr.slice(0, -1).split('\n'), stderr).toHaveLength(1);
  return stderr.slice(0, -1);
};

describe.concurrent('poolcheck --version', () => {
  const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  for (const flag of ['--version', '-V']) {
    it(`${flag} prints package.json's version and exits 0`, async () => {
      const { code, stdout, stderr } = await runCli([flag]);
      expect(stdout).toBe(`${version}\n`);
      expect(stderr).toBe('');
      expect(code).toBe(0);
    });
  }
});

describe.concurrent('a run that judged nothing', () => {
  it('exits 2 with one line naming the adapter, the mode and the first skip reason, after writing its reports', async () => {
    const dir = join(root, 'nothing');
    const { code, stdout, stderr } = await runCli(['run', ...notInstalled, '--mode', 'live', '--rules', 'EXCL-1,BOUND-1', '--report-dir', dir]);
    expect(code).toBe(2);
    expect(oneLine(stderr)).toMatch(/^poolcheck: not-installed in live mode judged nothing, every applicable rule skipped: .*`poolcheck-no-such-command` was not found on PATH.* \(--allow-skipped accepts a run like this\)$/);
    expect(stdout).toMatch(/EXCL-1 +skipped/);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { run: { mode: string }; rules: Array<{ id: string; status: string }> };
    expect(report.run.mode).toBe('live');
    expect(report.rules.find((r) => r.id === 'EXCL-1')?.status).toBe('skipped');
    expect(existsSync(join(dir, 'badge.svg'))).toBe(true);
  });

  it('exits 0 with --allow-skipped, and nothing on stderr', async () => {
    const { code, stderr } = await runCli(['run', ...notInstalled, '--rules', 'EXCL-1', '--allow-skipped']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('still exits 2 with --exit-zero alone: that flag is for failures, not for an environment that judged nothing', async () => {
    const { code, stderr } = await runCli(['run', ...notInstalled, '--rules', 'EXCL-1', '--exit-zero']);
    expect(code).toBe(2);
    expect(oneLine(stderr)).toContain('judged nothing');
  });

  it('exits 2 next to a failure (2 wins over 1); 1 with --allow-skipped; 0 with --allow-skipped --exit-zero', async () => {
    const [plain, allowed, both] = await Promise.all([
      runCli(['run', ...lifo, ...notInstalled]),
      runCli(['run', ...lifo, ...notInstalled, '--allow-skipped']),
      runCli(['run', ...lifo, ...notInstalled, '--allow-skipped', '--exit-zero']),
    ]);
    expect(plain.stdout).toMatch(/✗ WAIT-2 {3}failed/);
    expect(oneLine(plain.stderr)).toMatch(/^poolcheck: not-installed in live mode judged nothing/);
    expect([plain.code, allowed.code, both.code]).toEqual([2, 1, 0]);
    expect(allowed.stderr + both.stderr).toBe('');
  });

  it('is not a run whose rules are all not applicable: the pool does not claim them, and that is a verdict (exit 0)', async () => {
    const { code, stdout, stderr } = await runCli(['run', '--adapter', 'reference', '--rules', 'MIN-1']);
    expect(stdout).toMatch(/MIN-1 +not applicable/);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('a MySQL adapter in live mode with no MySQL configured exits 2 saying how to enable it', async ({ skip }) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', HOME: root };
    for (const name of ['POOLCHECK_MYSQL_URL', 'DOCKER_HOST', 'XDG_RUNTIME_DIR', 'TESTCONTAINERS_HOST_OVERRIDE', 'TESTCONTAINERS_DOCKER_SOCKET_OVERRIDE']) delete env[name];
    if (await containerRuntimeAnswers(env)) skip('a container runtime answers here: the adapter would run on a testcontainers MariaDB');
    const { code, stderr } = await runCli(['run', '--adapter', 'test/fixtures/mysqlOnly.ts', '--rules', 'EXCL-1', '--runs', '1'], env);
    expect(code).toBe(2);
    expect(oneLine(stderr)).toBe(`poolcheck: mysql-only in live mode judged nothing, every applicable rule skipped: ${noMysql} (--allow-skipped accepts a run like this)`);
  });

  it('documents the exit codes and --allow-skipped in `poolcheck run --help`', async () => {
    const help = (await runCli(['run', '--help'])).stdout.replace(/\s+/g, ' ');
    expect(help).toContain('--allow-skipped');
    expect(help).toContain('Exit codes: 0 every judged rule passed');
    expect(help).toContain('1 a rule failed or errored');
    expect(help).toContain('2 bad usage or environment');
  });
});

describe('npm start', () => {
  it('passes --allow-skipped, so a machine without MySQL or Python does not fail it', () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: { start: string } };
    expect(manifest.scripts.start).toContain('--allow-skipped');
    expect(manifest.scripts.start).toContain('--exit-zero');
  });
});
