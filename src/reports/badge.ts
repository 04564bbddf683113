// The badge: an SVG made with badge-maker, and the same message as a shields.io endpoint JSON.
import { makeBadge } from 'badge-maker';
import type { Verdict } from '../runner/Verdict.ts';
import { levelLine, levelStatus } from './levelStatus.ts';

export function badgeColor(verdicts: readonly Verdict[]): string {
  const status = Object.values(levelStatus(verdicts));
  if (status.includes('failed')) return 'red';
  if (status.includes('errored')) return 'orange';
  if (status.includes('partial')) return 'yellow';
  return status.includes('passed') ? 'brightgreen' : 'lightgrey';
}

export function shieldsEndpoint(verdicts: readonly Verdict[]): object {
  return { schemaVersion: 1, label: 'poolcheck', message: levelLine(verdicts), color: badgeColor(verdicts) };
}

export function badgeSvg(verdicts: readonly Verdict[]): string {
  return makeBadge({ label: 'poolcheck', message: levelLine(verdicts), color: badgeColor(verdicts) });
}
