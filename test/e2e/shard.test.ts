// `run --shard i/n` and `merge` end to end: four shards of a command, merged, write what the
// unsharded command writes (report.json's verdicts with their counterexamples, replays, seeds and
// paths; summary.md; the badges), wall-clock times aside; and merge refuses, in one line, shards
// that are not one command's complete set. In this process through main(): no CLI to spawn.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { reportProblems } from './reportSchema.ts';

const root = mkdtempSync(join(tmpdir(), 'poolcheck-shard-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A passing adapter and one that fails WAIT-2 only: two runs of the plan, so reports go in <adapter>/<mode>/. */
const command = ['run', '--adapter', 'reference', '--adapter', 'test/fixtures/lifoWaiters.ts', '--mode', 'model', '--runs', '10'];
const runs = ['reference/model', 'lifo-waiters/model'];

/** main() with what it prints collected. */
async function poolcheck(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

const dir = (name: string) => join(root, name);
const text = (...path: string[]) => readFileSync(join(...path), 'utf8');
const json = (...path: string[]) => JSON.parse(text(...path)) as { run: Record<string, unknown>; rules: Record<string, unknown>[]; generatedAt?: string };

/** A report.json without its wall-clock fields: when it was written and how long things took. */
function untimed(report: ReturnType<typeof json>): object {
  const { generatedAt: _at, ...rest } = report;
  const { ms: _ms, ...run } = report.run;
  return { ...rest, run, rules: report.rules.map(({ ms: _rule, ...entry }) => entry) };
}

describe('four shards merged', () => {
  const codes: number[] = [];
  let merged: Awaited<ReturnType<typeof poolcheck>>;
  beforeAll(async () => {
    codes.push((await poolcheck(...command, '--seed', '1', '--report-dir', dir('whole'))).code);
    for (const i of [1, 2, 3, 4]) codes.push((await poolcheck(...command, '--seed', '1', '--shard', `${i}/4`, '--report-dir', dir(`shard${i}`))).code);
    merged = await poolcheck('merge', dir('shard1'), dir('shard2'), dir('shard3'), dir('shard4'), '--out', dir('merged'));
  }, 60_000);

  it('exits as the unsharded command: 1, WAIT-2 of lifo-waiters failed (in one shard)', () => {
    expect(codes[0]).toBe(1);
    expect(codes.slice(1).filter((c) => c === 1)).toHaveLength(1);
    expect(merged.code).toBe(1);
    expect(merged.stderr).toBe('');
  });

  it('writes the report.json of the unsharded command, wall-clock times aside', () => {
    for (const run of runs) expect(untimed(json(dir('merged'), run, 'report.json'))).toEqual(untimed(json(dir('whole'), run, 'report.json')));
    const wait2 = json(dir('merged'), 'lifo-waiters/model', 'report.json').rules.find((r) => r['id'] === 'WAIT-2')!;
    expect(wait2).toMatchObject({ status: 'failed', seed: 1, replay: expect.stringContaining('--rules WAIT-2 --seed 1 --path ') });
    expect(wait2['counterexample']).toHaveProperty('steps');
  });

  it('writes the same summary.md, badges and shields endpoints', () => {
    expect(text(dir('merged'), 'summary.md')).toBe(text(dir('whole'), 'summary.md'));
    for (const run of runs) {
      for (const file of ['badge.svg', 'shields.json']) expect(text(dir('merged'), run, file)).toBe(text(dir('whole'), run, file));
    }
  });

  it('writes the same junit.xml and report.html, wall-clock times aside', () => {
    const junit = (d: string) => text(d, 'junit.xml').replace(/ time="[\d.]+"/g, '');
    expect(junit(dir('merged'))).toBe(junit(dir('whole')));
    const html = (d: string) => text(d, 'report.html').replace(/\b\d+ ms\b/g, 'ms').replace(/\b[\d.]+ s\b/g, 's');
    expect(html(dir('merged'))).toBe(html(dir('whole')));
  });

  it("records each shard's share in its report.json, valid against the schema; the merged report has none", () => {
    const shard = json(dir('shard2'), 'reference/model', 'report.json');
    expect(reportProblems(shard)).toBe('');
    // 19 rules for each of the two adapters; shard 2 takes items 1, 5, 9, ... in plan order.
    expect(shard.run['shard']).toMatchObject({ index: 2, count: 4, items: 38, position: 0, rules: ['EXCL-2', 'WAIT-1', 'TIME-2', 'ERR-2', 'FORK-1'] });
    const report = json(dir('merged'), 'reference/model', 'report.json');
    expect(reportProblems(report)).toBe('');
    expect(report.run).not.toHaveProperty('shard');
  });

  it('refuses a missing shard in one line, exit 2', async () => {
    const result = await poolcheck('merge', dir('shard1'), dir('shard2'), dir('shard4'), '--out', dir('missing'));
    expect(result).toMatchObject({ code: 2, stderr: 'poolcheck: shard 3/4 missing: merge needs the report directories of all 4 shards\n' });
  });

  it('refuses overlapping shards in one line, exit 2', async () => {
    cpSync(dir('shard2'), dir('shard2-again'), { recursive: true });
    const result = await poolcheck('merge', dir('shard1'), dir('shard2'), dir('shard2-again'), dir('shard3'), dir('shard4'), '--out', dir('overlap'));
    expect(result.code).toBe(2);
    // Read in directory order: lifo-waiters/ before reference/; shard 2's first lifo-waiters item is BOUND-1 (item 21).
    expect(result.stderr).toMatch(/^poolcheck: overlapping shards: BOUND-1 of lifo-waiters \(model, run 2 of the plan\) is in .+shard2\/lifo-waiters\/model\/report\.json and in .+shard2-again\/lifo-waiters\/model\/report\.json\n$/);
  });

  it('refuses shards judged with different seeds in one line, exit 2', async () => {
    await poolcheck(...command, '--seed', '2', '--shard', '1/4', '--rules', 'EXCL-1', '--report-dir', dir('seed2'));
    const result = await poolcheck('merge', dir('seed2'), dir('shard2'), dir('shard3'), dir('shard4'), '--out', dir('seeds'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^poolcheck: cannot merge shards of different commands: different seeds, 2 in .+seed2.+ and 1 in .+shard2.+\n$/);
  });

  it("refuses a report that is not a shard's, and writing over a shard", async () => {
    expect((await poolcheck('merge', dir('whole'), '--out', dir('not-shards'))).stderr).toMatch(/^poolcheck: .+whole.+report\.json is not a shard's report: merge the reports of `poolcheck run --shard i\/n`\n$/);
    expect(await poolcheck('merge', dir('shard1'), '--out', dir('shard1'))).toMatchObject({ code: 2, stderr: expect.stringMatching(/^poolcheck: --out .+ is one of the shards' directories/) });
  });
});

describe('--shard values', () => {
  it.each(['0/4', '5/4', '2', 'a/b'])('refuses --shard %s in one line, exit 2', async (value) => {
    expect(await poolcheck('run', '--adapter', 'reference', '--seed', '1', '--shard', value)).toMatchObject({ code: 2, stderr: `poolcheck: Expected --shard to be i/n with 1 ≤ i ≤ n (e.g. 2/4), got \`${value}\`\n` });
  });

  it('needs --seed, and a share of at least one item', async () => {
    expect((await poolcheck('run', '--adapter', 'reference', '--shard', '1/2')).stderr).toMatch(/^poolcheck: --shard needs --seed/);
    expect((await poolcheck('run', '--adapter', 'reference', '--seed', '1', '--rules', 'EXCL-1,EXCL-2', '--shard', '3/3')).stderr).toBe(
      'poolcheck: --shard 3/3 gets no work: this command has 2 (adapter, mode, rule) items; use at most 2 shards\n',
    );
  });
});
