// The terminal reporter: a header per adapter, one line per rule as it is judged, then every
// failure with its minimal workload, the events that break the rule and the replay command; a
// results matrix (pools by levels) at the end of a run of several.
// Plain lines, so a CI log reads the same as a terminal; colour only on a TTY.
import { formatHistory } from '../history/formatHistory.ts';
import { formatWorkload } from '../workload/formatWorkload.ts';
import type { AdapterReport } from '../runner/AdapterReport.ts';
import type { Verdict } from '../runner/Verdict.ts';
import { basisLine } from './basisLine.ts';
import { levelLine } from './levelStatus.ts';
import { replayCommand, type ReplayTarget } from './replayCommand.ts';
import { matrixLines } from './resultsMatrix.ts';
import type { AdapterHead, Reporter } from './Reporter.ts';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

const mark: Record<Verdict['status'], string> = { passed: '✓', failed: '✗', 'not-applicable': '·', skipped: '-', errored: '!' };
const label: Record<Verdict['status'], string> = { passed: 'passed', failed: 'failed', 'not-applicable': 'not applicable', skipped: 'skipped', errored: 'error' };

export function textReporter(write: (s: string) => void = (s) => process.stdout.write(s), color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR): Reporter {
  const paint = (code: number, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const tint: Record<Verdict['status'], number> = { passed: 32, failed: 31, 'not-applicable': 2, skipped: 33, errored: 35 };
  return {
    onAdapterStart(h: AdapterHead) {
      write(`\n${paint(1, `poolcheck · ${h.adapter}`)} (${h.pool.name} ${h.pool.version}) · ${h.mode} mode · ${h.profile} (${plural(h.numRuns, 'workload')} per rule) · seed ${h.seed}${h.shard ? ` · shard ${h.shard.index}/${h.shard.count}` : ''}\n`);
      if (h.live) {
        const { database: d, tolerance: t } = h.live;
        // Fork mode judges no timing: real ms throughout, and no tolerance to state.
        const timing =
          h.mode === 'fork'
            ? 'real ms; each workload a parent process and 2 to 4 children forked from it'
            : `1 workload ms = ${t.scale} real ms; tolerance ${t.wakeUpMs.toFixed(1)} ms (timer lateness ${t.jitterMs.toFixed(1)} real ms); connects take up to ${t.connectMs.toFixed(1)} ms`;
        write(`  ${d.serverVersion} at ${d.url} (${d.provision}); ${timing}\n`);
      }
    },
    onRuleResult(_h, rule, v) {
      const runs = v.status === 'passed' ? plural(v.runs, 'run') : v.status === 'failed' ? `run ${v.runs}` : '';
      const time = v.status === 'passed' || v.status === 'failed' || v.status === 'errored' ? `${Math.round(v.ms)} ms` : '';
      const why = v.status === 'not-applicable' || v.status === 'skipped' ? v.reason : v.status === 'failed' ? v.violation.message : v.status === 'errored' ? v.message : passedNote(v, rule.title);
      const line = `  ${mark[v.status]} ${rule.id.padEnd(9)}${label[v.status].padEnd(15)}${runs.padStart(9)}${time.padStart(9)}   ${why}`;
      write(paint(tint[v.status], line) + '\n');
      if (v.status === 'failed') write(`${' '.repeat(13)}${basisLine(v.basis)}\n`);
    },
    onAdapterEnd(report: AdapterReport) {
      for (const v of report.verdicts) if (v.status === 'failed' || (v.status === 'errored' && v.counterexample)) write(failureText(report, v).join('\n') + '\n');
      const count = (s: Verdict['status']) => report.verdicts.filter((v) => v.status === s).length;
      write(`  ${report.adapter}: ${levelLine(report.verdicts)}  (${count('passed')} passed, ${count('failed')} failed, ${count('errored')} errored, ${count('not-applicable')} not applicable, ${count('skipped')} skipped; ${(report.ms / 1000).toFixed(1)} s)\n`);
    },
    onRunEnd(reports) {
      if (reports.length < 2) return;
      const [header, ...rows] = matrixLines(reports);
      write(`\n${paint(1, 'results')}\n  ${paint(1, header!)}\n`);
      for (const row of rows) write(`  ${row}\n`);
    },
  };
}

/** A passed rule's title, and when its time limit ended it early, how many workloads it judged: the header's count was asked, not run. */
function passedNote(v: Extract<Verdict, { status: 'passed' }>, title: string): string {
  if (!v.cutShort) return title;
  const { asked, limitMs } = v.cutShort;
  const limit = limitMs >= 1000 ? `${+(limitMs / 1000).toFixed(1)} s` : `${limitMs} ms`;
  return `${title} (${v.runs} of ${asked} workloads: the rule's ${limit} limit)`;
}

/** A failure as text: what broke, the minimal workload, the history around it, the replay. */
export function failureText(report: Pick<AdapterReport, 'spec' | 'adapter' | 'capabilities'> & ReplayTarget, v: Verdict): string[] {
  if (v.status !== 'failed' && v.status !== 'errored') return [];
  const lines = [''];
  if (v.status === 'failed') {
    lines.push(`  ✗ ${v.rule} failed for ${report.adapter}: ${v.violation.message}`);
    lines.push(`    minimal workload (after ${v.shrinks} shrinks):`);
  } else {
    lines.push(`  ! ${v.rule} errored for ${report.adapter}: ${v.message}`);
    if (v.counterexample) lines.push('    workload:');
  }
  if (v.counterexample) lines.push(...formatWorkload(v.counterexample, report.capabilities).map((l) => `      ${l}`));
  if (v.status === 'failed') {
    lines.push('    history (> marks the events that break the rule):');
    lines.push(...formatHistory(v.history, v.violation.events).map((l) => `    ${l}`));
  }
  if (v.seed !== undefined && v.path !== undefined) lines.push(`    replay: ${replayCommand(report, v.rule, v.seed, v.path)}`);
  return lines;
}
