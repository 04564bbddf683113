// A history as aligned lines that read well by eye and parse back (one event per line):
//   #12    15 ms  t2     acquire  ok      c1   ...
import type { HistoryEvent } from './History.ts';

export function formatEvent(e: HistoryEvent): string {
  const detail = [e.error ? `${e.error.class}: ${e.error.message}` : '', e.note ?? ''].filter(Boolean).join(' | ');
  return [
    `#${e.i}`.padEnd(5),
    `${e.at} ms`.padStart(8),
    e.task.padEnd(7),
    e.kind.padEnd(10),
    e.phase.padEnd(6),
    (e.conn ?? '').padEnd(4),
    detail,
  ]
    .join(' ')
    .trimEnd();
}

/**
 * The events a violation names, with `context` events of surrounding history; skipped stretches
 * are marked with an ellipsis.
 */
export function formatHistory(history: readonly HistoryEvent[], highlight: readonly number[] = [], context = Infinity): string[] {
  const marked = new Set(highlight);
  const shown = history.filter((e) => context === Infinity || [...marked].some((m) => Math.abs(m - e.i) <= context));
  const lines: string[] = [];
  let last = -1;
  for (const e of shown) {
    if (last !== -1 && e.i > last + 1) lines.push('  ...');
    lines.push(`${marked.has(e.i) ? '>' : ' '} ${formatEvent(e)}`);
    last = e.i;
  }
  return lines;
}
