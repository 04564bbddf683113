// The rule catalogue. spec/rules.json is the one source of truth; this file only types it.
import catalogue from '../../spec/rules.json' with { type: 'json' };

/** `misuse`: what a pool does when its caller breaks the rules of use (a double release). */
export type Level = 'core' | 'overflow' | 'timeouts' | 'faults' | 'misuse' | 'fork';
/** What a rule needs the adapter to declare; `core` applies to every pool. */
export type Need = 'core' | 'retention' | 'fifo' | 'acquireTimeout' | 'query' | 'min' | 'fork';

export interface Rule {
  readonly id: string;
  readonly title: string;
  readonly level: Level;
  readonly needs: Need;
  readonly statement: string;
  readonly why: string;
}

export const levels: readonly Level[] = catalogue.levels as Level[];
export const rules: readonly Rule[] = catalogue.rules as Rule[];
export const specVersion: number = catalogue.version;

export function ruleById(id: string): Rule | undefined {
  return rules.find((r) => r.id === id);
}
