// The GitHub Actions workflow in the README, run on this machine as its jobs would run it: its
// shell steps, taken from the README itself (so the two cannot drift apart), each in bash with the
// variables GitHub sets, `npx poolcheck` meaning this checkout's CLI, an adapter module where the
// workflow names the pool's, and the artifacts moved between the jobs as upload/download would.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { portAnswers } from '../live/portAnswers.ts';
import { repoRoot } from './runCli.ts';

// The judge job's PostgreSQL service is this machine's, where it answers.
const noPostgres = !(await portAnswers(5432));
if (noPostgres) console.warn("the GitHub recipe's commands are not run: nothing answers on 127.0.0.1:5432 (the workflow's PostgreSQL service)");

interface Step {
  readonly run?: string;
  readonly uses?: string;
  readonly if?: string;
  readonly with?: Record<string, unknown>;
}
interface Workflow {
  readonly jobs: { readonly judge: Job; readonly report: Job & { readonly needs: string } };
}
interface Job {
  readonly strategy?: { readonly matrix: { readonly shard: number[] } };
  readonly env?: Record<string, string>;
  readonly steps: readonly Step[];
}

/** The first yaml block after the README's "In GitHub Actions" heading. */
function recipe(): Workflow {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### In GitHub Actions'));
  const block = /```yaml\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('the README has no yaml block under "In GitHub Actions"');
  return parse(block[1]!) as Workflow;
}

const workflow = recipe();
const { judge, report } = workflow.jobs;
const uses = (job: Job, action: string) => job.steps.find((s) => s.uses?.startsWith(`${action}@`));
const poolcheckSteps = (job: Job) => job.steps.flatMap((s) => (s.run !== undefined && s.run.includes('npx poolcheck') ? [s.run] : []));

describe('the GitHub Actions recipe in the README', () => {
  it('installs, shards, uploads each shard, merges, summarises, keeps the reports, shows junit.xml and publishes the badge', () => {
    expect(judge.strategy?.matrix.shard).toEqual([1, 2, 3, 4]);
    expect(judge.steps.map((s) => s.run ?? s.uses)).toContain('npm ci');
    expect(poolcheckSteps(judge)).toHaveLength(1);
    expect(poolcheckSteps(judge)[0]).toMatch(/--shard "\$\{\{ matrix\.shard \}\}\/4" --report-dir "shard-\$\{\{ matrix\.shard \}\}"/);
    expect(uses(judge, 'actions/upload-artifact')?.with).toMatchObject({ path: 'shard-${{ matrix.shard }}' });
    expect(report.needs).toBe('judge');
    expect(uses(report, 'actions/download-artifact')?.with).toMatchObject({ pattern: 'poolcheck-shard-*', path: 'shards' });
    expect(report.steps.some((s) => s.run?.includes('>> "$GITHUB_STEP_SUMMARY"'))).toBe(true);
    expect(uses(report, 'actions/upload-artifact')?.with).toMatchObject({ path: 'reports' });
    expect(uses(report, 'mikepenz/action-junit-report')?.with).toMatchObject({ report_paths: 'reports/junit.xml' });
    expect(uses(report, 'actions/upload-pages-artifact')?.with).toMatchObject({ path: 'reports' });
  });

  describe.skipIf(noPostgres)('its commands, run here', () => {
    let work: string;
    const summary = () => join(work, 'step-summary.md');
    /** A step's shell command in bash, in the job's directory, as a runner would start it. */
    const step = (command: string, vars: Record<string, string> = {}) => {
      const script = `npx() { if [ "$1" = poolcheck ]; then shift; node ${JSON.stringify(join(repoRoot, 'bin/poolcheck.js'))} "$@"; else command npx "$@"; fi; }\n${command}`;
      return spawnSync('bash', ['-e', '-c', script], {
        cwd: work,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', CI: 'true', GITHUB_RUN_NUMBER: '7', GITHUB_STEP_SUMMARY: summary(), ...judge.env, ...vars },
      });
    };

    beforeAll(() => {
      work = mkdtempSync(join(tmpdir(), 'poolcheck-recipe-'));
      // The pool's repository: an ES module package whose adapter is, here, the reference pool's (model mode only).
      writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'my-pool', private: true, type: 'module' }));
      writeFileSync(join(work, 'poolcheck.adapter.js'), `export { default } from ${JSON.stringify(join(repoRoot, 'adapters/reference/index.ts'))};\n`);
    });
    afterAll(() => rmSync(work, { recursive: true, force: true }));

    it('judges in four shards and merges them into reports a CI shows: exit 0 for a pool that keeps every rule', () => {
      const [judgeCommand] = poolcheckSteps(judge);
      for (const shard of judge.strategy!.matrix.shard) {
        const r = step(judgeCommand!.replaceAll('${{ matrix.shard }}', String(shard)));
        expect(r.stderr).toBe('');
        expect(r.status).toBe(0);
        // upload-artifact, then download-artifact's layout: one folder per artifact under `shards`.
        cpSync(join(work, `shard-${shard}`), join(work, 'shards', `poolcheck-shard-${shard}`), { recursive: true });
      }
      for (const command of report.steps.flatMap((s) => (s.run !== undefined && s.run !== 'npm ci' ? [s.run] : []))) {
        const r = step(command);
        expect(r.stderr).toBe('');
        expect(r.status).toBe(0);
      }
      expect(readFileSync(summary(), 'utf8')).toMatch(/\| pool \| mode \| core \|/);
      // The reference pool has a model and a live form: a folder per mode, the badge's in live/.
      for (const file of ['junit.xml', 'report.html', 'summary.md']) expect(existsSync(join(work, 'reports', file))).toBe(true);
      for (const mode of ['model', 'live']) for (const file of ['report.json', 'shields.json', 'badge.svg']) expect(existsSync(join(work, 'reports', 'reference', mode, file))).toBe(true);
      const endpoint = JSON.parse(readFileSync(join(work, 'reports', 'reference', 'live', 'shields.json'), 'utf8')) as { schemaVersion: number; label: string };
      expect(endpoint).toMatchObject({ schemaVersion: 1, label: 'poolcheck' });
      // The junit.xml the checks step reads counts every rule of each mode once.
      expect(execFileSync('grep', ['-c', '<testcase ', join(work, 'reports', 'junit.xml')], { encoding: 'utf8' }).trim()).toBe('38');
    }, 120_000);
  });
});
