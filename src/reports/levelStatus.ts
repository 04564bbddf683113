// What a badge says per level: passed when every judged rule of the level passed, failed when
// any failed, errored when any errored and none failed; `none` when nothing was judged. A level
// whose rules were not all run (--rules), or that has a rule skipped for a documented gap, can
// only be `partial`, never `passed`.
import { levels, ruleById, rules, type Level } from '../spec/rules.ts';
import type { Verdict } from '../runner/Verdict.ts';

export type LevelStatus = 'passed' | 'partial' | 'failed' | 'errored' | 'none';

export function levelStatus(verdicts: readonly Verdict[]): Record<Level, LevelStatus> {
  const out = Object.fromEntries(levels.map((l) => [l, 'none'])) as Record<Level, LevelStatus>;
  for (const v of verdicts) {
    const level = ruleById(v.rule)?.level;
    if (!level) continue;
    const now = out[level];
    if (v.status === 'failed') out[level] = 'failed';
    else if (v.status === 'errored' && now !== 'failed') out[level] = 'errored';
    else if (v.status === 'passed' && now === 'none') out[level] = 'passed';
  }
  // Partial: a rule of the level was not run, or skipped for a documented gap.
  const run = new Set(verdicts.filter((v) => v.status !== 'skipped').map((v) => v.rule));
  const na = new Set(verdicts.filter((v) => v.status === 'not-applicable').map((v) => v.rule));
  for (const level of levels) {
    if (out[level] === 'passed' && rules.some((r) => r.level === level && !run.has(r.id) && !na.has(r.id))) out[level] = 'partial';
  }
  return out;
}

export const levelMark: Record<LevelStatus, string> = { passed: '✓', partial: '✓ (partial)', failed: '✗', errored: '!', none: '–' };

/** `core ✓ · timeouts ✓ · fork ✗`, leaving out levels with nothing judged. */
export function levelLine(verdicts: readonly Verdict[]): string {
  const status = levelStatus(verdicts);
  const judged = levels.filter((l) => status[l] !== 'none');
  return judged.length === 0 ? 'nothing judged' : judged.map((l) => `${l} ${levelMark[status[l]]}`).join(' · ');
}
