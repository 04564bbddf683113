// Verdicts where the run itself broke (a crash, a watchdog, a nondeterministic replay): not
// findings about the pool, but the README must not hide them either.
import { poolLabel } from './poolLabel.ts';
import { replayOf } from './replayOf.ts';
import type { ResultsFile } from './ResultsFile.ts';

export function erroredMarkdown(file: Pick<ResultsFile, 'reports'>): string {
  const items = file.reports.flatMap((report) =>
    report.rules
      .filter((r) => r.status === 'errored')
      .map((r) => {
        const replay = r.seed !== undefined && r.path !== undefined ? ` (\`${replayOf(report, r)}\`)` : '';
        return `- ${poolLabel(report)}, ${report.run.mode} mode, ${r.id}: ${(r.message ?? 'no message').replace(/\s+/g, ' ')}${replay}`;
      }),
  );
  return items.length === 0 ? '' : ['Rules whose run errored (the run broke, so the rule was not judged):', '', ...items].join('\n');
}
