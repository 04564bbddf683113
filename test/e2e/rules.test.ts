// `poolcheck rules` lists the catalogue: as a table for people, as JSON for tools.
import { describe, expect, it } from 'vitest';
import { catalogue, ruleIds } from './catalogue.ts';
import { runCli } from './runCli.ts';

describe.concurrent('poolcheck rules', () => {
  it('prints every rule id of the catalogue, one per line, and exits 0', async () => {
    const { code, stdout, stderr } = await runCli(['rules']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const listed = stdout.split('\n').slice(1).filter(Boolean).map((l) => l.split(/\s+/)[0]);
    expect(listed).toEqual(ruleIds);
  });

  it('--json prints the catalogue as JSON that parses', async () => {
    const { code, stdout } = await runCli(['rules', '--json']);
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout) as { version: number; rules: Array<{ id: string; level: string; needs: string }> };
    expect(parsed.version).toBe(catalogue.version);
    expect(parsed.rules.map((r) => r.id)).toEqual(ruleIds);
    expect(parsed.rules.map(({ id, level, needs }) => ({ id, level, needs }))).toEqual(catalogue.rules.map(({ id, level, needs }) => ({ id, level, needs })));
  });
});
