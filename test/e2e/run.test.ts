// `poolcheck run` end to end: a correct pool exits 0 with every applicable rule passed; a broken
// one exits 1 with a failure block whose replay command reproduces the same failure.
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from './catalogue.ts';
import { type CliResult, replayArgs, runCli } from './runCli.ts';

const SEED = '1';
const RUNS = '30';

describe('poolcheck run --adapter reference', () => {
  let result: CliResult;
  beforeAll(async () => {
    result = await runCli(['run', '--adapter', 'reference', '--seed', SEED, '--runs', RUNS]);
  });

  it('exits 0 with nothing on stderr', () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('prints the seed and the workloads per rule it judged with', () => {
    expect(result.stdout).toContain(`(${RUNS} workloads per rule) · seed ${SEED}`);
  });

  it('passes every rule whose capability the reference adapter declares, and only lists the others as not applicable', () => {
    const undeclared = new Set(['min', 'fork']); // the reference pool has no minimum and no fork mode
    for (const rule of catalogue.rules) {
      const expected = undeclared.has(rule.needs) ? `· ${rule.id.padEnd(9)}not applicable` : `✓ ${rule.id.padEnd(9)}passed`;
      expect(result.stdout, rule.id).toContain(expected);
    }
    expect(result.stdout).toMatch(/\(16 passed, 0 failed, 0 errored, 3 not applicable, 0 skipped; /);
  });
});

describe('poolcheck run on a pool that serves waiters LIFO', () => {
  const fixture = 'test/fixtures/lifoWaiters.ts';
  let result: CliResult;
  let block: string[];
  let replay: string;
  beforeAll(async () => {
    result = await runCli(['run', '--adapter', fixture, '--seed', SEED, '--runs', RUNS]);
    const lines = result.stdout.split('\n');
    const start = lines.findIndex((l) => l.startsWith('  ✗ WAIT-2 failed for lifo-waiters: '));
    const end = lines.findIndex((l, i) => i > start && l.startsWith('    replay: '));
    block = start === -1 || end === -1 ? [] : lines.slice(start, end + 1);
    replay = block.at(-1)?.replace('    replay: ', '') ?? '';
  });

  it('exits 1 and fails WAIT-2 alone', () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✗ WAIT-2 {3}failed/);
    expect(result.stdout).toMatch(/\(15 passed, 1 failed, 0 errored, 3 not applicable, 0 skipped; /);
  });

  it('prints the minimal workload: one connection, two borrowers', () => {
    const start = block.findIndex((l) => /^ {4}minimal workload \(after \d+ shrinks\):$/.test(l));
    expect(start).toBe(1);
    expect(block[start + 1]).toMatch(/^ {6}pool: size 1, maxOverflow 0, /);
    expect(block[start + 2]).toMatch(/^ {6}server: connects take \d+ ms/);
    const tasks = block.filter((l) => /^ {6}t\d+ at \d+ ms: acquire/.test(l));
    expect(tasks).toHaveLength(2);
  });

  it('prints the history with the events that break the rule marked by >', () => {
    const heading = block.indexOf('    history (> marks the events that break the rule):');
    expect(heading).toBeGreaterThan(0);
    const history = block.slice(heading + 1, -1);
    expect(history.length).toBeGreaterThan(3);
    for (const line of history) expect(line).toMatch(/^ {4}[> ] #\d+ +\d+ ms /);
    const marked = history.filter((l) => l.startsWith('    > '));
    expect(marked.length).toBeGreaterThanOrEqual(2);
    expect(marked.some((l) => / t\d+ +acquire +ok /.test(l))).toBe(true);
  });

  it('ends the failure with one replay command for exactly this rule, seed and path', () => {
    expect(replay).toMatch(new RegExp(`^npx poolcheck run --adapter ${fixture} --rules WAIT-2 --seed ${SEED} --path \\d+(:\\d+)*$`));
  });

  it('replays to the same failure when the printed command is run', async () => {
    const again = await runCli(replayArgs(replay));
    expect(again.stderr).toBe('');
    expect(again.code).toBe(1);
    const lines = again.stdout.split('\n');
    expect(lines).toContain(block[0]); // the same rule, adapter and violation message
    const workload = (ls: readonly string[]) => ls.filter((l) => /^ {6}(pool|server|t\d+ at)/.test(l));
    expect(workload(lines)).toEqual(workload(block));
    expect(lines).toContain(`    replay: ${replay}`);
    expect(again.stdout).toMatch(/\(0 passed, 1 failed, 0 errored, 0 not applicable, 0 skipped; /);
  });
});
