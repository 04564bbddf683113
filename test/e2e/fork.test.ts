// `--mode fork` from the command line: what it refuses (exit 2, one line), a pool that passes, a
// broken one whose failure is printed with its workload and a replay command that names the mode,
// and the cross-process rules reported as judged elsewhere in live mode.
import { describe, expect, it } from 'vitest';
import { portAnswers } from '../live/portAnswers.ts';
import { pythonHas } from '../process/pythonHas.ts';
import { runCli } from './runCli.ts';

const DB = ['--db', 'postgres://postgres@127.0.0.1:5432/postgres'];

const skip = !pythonHas('sqlalchemy, psycopg2') ? 'no /usr/bin/python3 with SQLAlchemy and psycopg2' : !(await portAnswers(5432)) ? 'nothing answers on 127.0.0.1:5432' : null;
if (skip) console.warn(`fork mode's command-line runs skipped: ${skip}`);

describe('--mode fork refuses, with one line and exit 2', () => {
  it('an adapter without a fork form', async () => {
    const r = await runCli(['run', '--adapter', 'reference', '--mode', 'fork']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('adapter reference has no fork form');
  });

  it('rules that fork mode does not judge', async () => {
    const r = await runCli(['run', '--adapter', 'pg-pool', '--mode', 'fork', '--rules', 'WAIT-1,TIME-1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('fork mode judges FORK-1, FORK-2, and EXCL-1 and BOUND-1 in each process');
  });
});

describe('--mode fork skips, saying how to enable it', () => {
  it("a Python adapter whose interpreter is missing: fork mode's rules, and only those", async () => {
    const r = await runCli(['run', '--adapter', 'sqlalchemy-queuepool', '--mode', 'fork'], { ...process.env, NO_COLOR: '1', POOLCHECK_PYTHON: '/nonexistent/python' });
    // Nothing judged: exit 2, saying so, unless --allow-skipped (exitCodes.test.ts).
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^poolcheck: sqlalchemy-queuepool in fork mode judged nothing, every applicable rule skipped: .*POOLCHECK_PYTHON/);
    expect(r.stdout).toMatch(/FORK-1 +skipped .*POOLCHECK_PYTHON/);
    expect(r.stdout).toMatch(/EXCL-1 +skipped .*POOLCHECK_PYTHON/);
    expect(r.stdout).toContain('0 passed, 0 failed, 0 errored, 0 not applicable, 4 skipped');
  });
});

describe.skipIf(skip)('--mode fork against PostgreSQL', () => {
  it('passes a pool that keeps nothing (NullPool), and says where it judged', async () => {
    const r = await runCli(['run', '--adapter', 'sqlalchemy-nullpool', '--mode', 'fork', '--runs', '2', '--seed', '1', ...DB]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('· fork mode ·');
    expect(r.stdout).toContain('each workload a parent process and 2 to 4 children forked from it');
    expect(r.stdout).toMatch(/✓ FORK-1 +passed +2 runs/);
    expect(r.stdout).toMatch(/✓ FORK-2 +passed +2 runs/);
    // Inside each process, the single-process rules a fork-mode workload gives evidence for.
    expect(r.stdout).toMatch(/✓ EXCL-1 +passed +2 runs/);
    // NullPool has no bound to keep: its adapter documents the gap.
    expect(r.stdout).toMatch(/- BOUND-1 +skipped +NullPool has no limit/);
    expect(r.stdout).not.toContain('WAIT-1');
  });

  // Seed 4's first workload already opens more sessions than the bound: the failure does not
  // depend on how many runs fit in the rule's time limit on a busy machine.
  it('fails a pool without a bound on FORK-2, with its workload and a replay command in fork mode', async () => {
    const r = await runCli(['run', '--adapter', 'test/fork/fixtures/leaky.adapter.json', '--mode', 'fork', '--rules', 'FORK-2', '--runs', '3', '--seed', '4', ...DB]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ FORK-2 failed for broken-fork-leaky: \d+ sessions were open at .*: more than \d+ processes × \(size \d \+ maxOverflow \d\) = \d+/);
    // How far shrinking gets within the rule's time limit depends on the machine: any workload.
    expect(r.stdout).toMatch(/main forks [234] children, c1 (and c2|to c[34]), one after the other/);
    expect(r.stdout).toMatch(/replay: npx poolcheck run --adapter test\/fork\/fixtures\/leaky\.adapter\.json --mode fork --db postgres:\/\/postgres@127\.0\.0\.1:5432\/postgres --rules FORK-2 --seed 4 --path [\d:]+/);
  });

  it('reports the cross-process rules of a live run as judged in fork mode', async () => {
    const r = await runCli(['run', '--adapter', 'sqlalchemy-nullpool', '--mode', 'live', '--rules', 'FORK-1', ...DB]);
    // A live run of FORK-1 alone judges nothing: exit 2, saying so.
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('sqlalchemy-nullpool in live mode judged nothing');
    expect(r.stdout).toMatch(/FORK-1 +skipped .*judged in fork mode \(`--mode fork`\)/);
  });
});
