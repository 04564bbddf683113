import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withRulesTable } from '../src/spec/rulesTable.ts';

describe('README', () => {
  it('has the rule table of spec/rules.json (run `npm run docs` after changing the rules)', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(withRulesTable(readme)).toBe(readme);
  });
});
