// The work phase's horizon cut short: when tasks were still waiting at its end, the run never
// reached the quiet point, nor the probe after it, so BOUND-2 and the probe's rules have observed
// nothing and are not judged (WorkloadRun writes the `quiet` marker with a `skipped` note). The
// waiting itself is other rules' evidence (WAIT-1, BOUND-3, TIME-1).
import type { HistoryEvent } from '../history/History.ts';
import { formatMs } from './formatMs.ts';
import type { NotJudged } from './Violation.ts';

export function quietSkipped(rule: string, history: readonly HistoryEvent[]): NotJudged | null {
  const quiet = history.find((e) => e.kind === 'quiet' && e.phase === 'info');
  if (!quiet?.note?.startsWith('skipped')) return null;
  return { rule, notJudged: `the pool never got quiet: at the work phase's horizon (${formatMs(quiet.at)} ms) ${quiet.note.replace(/^skipped: /, '')}` };
}
