// The rule catalogue as the tests see it: straight from spec/rules.json, not through the code under test.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './runCli.ts';

interface CatalogueRule {
  readonly id: string;
  readonly level: string;
  readonly needs: string;
}

export const catalogue = JSON.parse(readFileSync(join(repoRoot, 'spec/rules.json'), 'utf8')) as { version: number; rules: CatalogueRule[] };
export const ruleIds: readonly string[] = catalogue.rules.map((r) => r.id);
