import { rules, specVersion } from '../spec/rules.ts';

/** The catalogue as a table (or JSON): id, level, what it needs, and the rule. */
export function rulesCommand(json: boolean): string {
  if (json) return JSON.stringify({ version: specVersion, rules }, null, 2) + '\n';
  const lines = rules.map((r) => `${r.id.padEnd(9)}${r.level.padEnd(10)}${r.needs.padEnd(16)}${r.statement}`);
  return [`${'id'.padEnd(9)}${'level'.padEnd(10)}${'needs'.padEnd(16)}rule`, ...lines, ''].join('\n');
}
