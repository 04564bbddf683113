// The README's results block is generated, never written: it must be exactly what `npm run docs`
// makes from results/results.json and results/explanations.md, every report in the file must be
// a valid report.json, and every failure must be explained, with no explanation left over. The
// generator is also checked on altered copies of the committed file, so that reports with fields,
// levels or statuses it has not seen still come out whole. Nothing here runs a pool.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allBuiltInNames, loadAdapter } from '../src/adapter/loadAdapter.ts';
import { planRuns } from '../src/cli/planRuns.ts';
import { collectReports } from '../src/results/collectReports.ts';
import { committedResults } from '../src/results/committedResults.ts';
import { explanationProblems } from '../src/results/explanationProblems.ts';
import { failuresOf } from '../src/results/failuresOf.ts';
import { parseExplanations } from '../src/results/parseExplanations.ts';
import { readmeWithResults } from '../src/results/readmeWithResults.ts';
import type { ReportDoc, ResultsFile } from '../src/results/ResultsFile.ts';
import { resultsMarkdown } from '../src/results/resultsMarkdown.ts';
import { RESULTS_END, RESULTS_START, withResultsBlock } from '../src/results/withResultsBlock.ts';
import { replayOf } from '../src/results/replayOf.ts';
import { levels } from '../src/spec/rules.ts';
import { counterexampleSteps } from '../src/results/counterexampleSteps.ts';
import { reportProblems } from './e2e/reportSchema.ts';

const { file, explanations } = committedResults();
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const clone = (): { -readonly [K in keyof ResultsFile]: ResultsFile[K] } => JSON.parse(JSON.stringify(file)) as ResultsFile;
const block = (markdown: string) => markdown.slice(markdown.indexOf(RESULTS_START), markdown.indexOf(RESULTS_END));

describe('the committed results', () => {
  it('are what the README shows (run `npm run docs` after changing results/)', () => {
    expect(readmeWithResults(readme)).toBe(readme);
  });

  it('hold a valid report.json per run, all from one pinned run', () => {
    expect(file.command).toContain(`--seed ${file.seed}`);
    expect(file.command).toContain(`--profile ${file.profile}`);
    expect(file.reports.length).toBeGreaterThan(0);
    for (const report of file.reports) {
      expect(reportProblems(report), `${report.adapter.spec} ${report.run.mode}`).toBe('');
      expect(report.run).toMatchObject({ seed: file.seed, profile: file.profile });
    }
  });

  it('hold every built-in adapter in every mode it has, once (run `npm run results` after adding one)', async () => {
    const loaded = await Promise.all(allBuiltInNames.map(loadAdapter));
    await Promise.all(loaded.map(async (one) => one.dispose?.()));
    // An adapter that cannot start here (no Python) cannot say which modes it has: its rows are
    // taken as the file has them.
    const absent = new Set(loaded.filter((one) => one.unavailable !== undefined).map((one) => one.spec));
    const expected = planRuns(loaded.filter((one) => !absent.has(one.spec)), 'both').map((p) => `${p.one.spec} ${p.mode}`);
    const rows = file.reports.filter((r) => !absent.has(r.adapter.spec)).map((r) => `${r.adapter.spec} ${r.run.mode}`);
    expect(rows.sort()).toEqual(expected.sort());
  });

  it('explain every failure, and nothing that is not a failure (edit results/explanations.md)', () => {
    expect(explanationProblems(file, explanations)).toEqual({ missing: [], stale: [] });
  });

  it('show every failure with its counterexample, violation and replay command', () => {
    const shown = block(readme);
    for (const { report, rule } of failuresOf(file)) {
      for (const step of counterexampleSteps(report, rule)) expect(shown).toContain(step);
      expect(shown).toContain(`→ ${rule.violation!.message}`);
      expect(shown).toContain(replayOf(report, rule));
    }
  });
});

describe('the results block generator', () => {
  it('shows a failure nobody explained as unexplained, and an explanation of no failure as stale', () => {
    const failure = failuresOf(file)[0];
    if (!failure) return;
    const others = explanations.map((e) => ({ ...e, keys: e.keys.filter((k) => k !== failure.key) }));
    const stale = [...others, { keys: ['reference model EXCL-1'], intermittent: false, text: 'An explanation of nothing.' }];
    const problems = explanationProblems(file, stale);
    expect(problems.missing).toContain(failure.key);
    expect(problems.stale).toContain('reference model EXCL-1');
    expect(resultsMarkdown(file, stale)).toContain('Not explained yet (results/explanations.md)');
    expect(resultsMarkdown(file, stale)).not.toContain('An explanation of nothing.');
  });

  it('keeps fields, levels and statuses it does not know: a new level is a column, a new status a cell and a note', () => {
    const altered = clone();
    const first = altered.reports[0]! as ReportDoc & { rules: Record<string, unknown>[]; levels: Record<string, string> };
    first.rules.push({ id: 'NOVEL-9', title: 'a rule of a new level', level: 'novel', status: 'not-judged', reason: 'the run ended first', basis: { silent: 'x' } });
    first.levels['novel'] = 'none';
    (first as Record<string, unknown>)['somethingNew'] = { a: 1 };
    const md = resultsMarkdown(altered, explanations);
    const header = md.split('\n').find((l) => l.startsWith('| pool | mode |'))!;
    expect(header).toBe(`| pool | mode | ${[...levels, 'novel'].join(' | ')} | rules failed | notes |`);
    const row = md.split('\n').find((l) => l.startsWith(`| ${first.adapter.name}`) && l.includes(`| ${first.run.mode} |`))!;
    expect(row).toContain('| not-judged |');
    expect(row).toContain('NOVEL-9 not-judged: the run ended first');
  });

  it("says whether the documentation promises a failed rule, when the verdict carries a basis", () => {
    const altered = clone();
    const failure = failuresOf(altered)[0];
    if (!failure) return;
    (failure.rule as Record<string, unknown>)['basis'] = 'silent';
    expect(resultsMarkdown(altered, explanations)).toContain(`${failure.rule.id} (poolcheck's contract; the documentation is silent):`);
  });

  it('rewrites only what lies between the markers, old start marker or new', () => {
    const old = 'intro\n<!-- results:start -->\nhand-written\n<!-- results:end -->\nrest\n';
    expect(withResultsBlock(old, 'generated')).toBe(`intro\n${RESULTS_START}\ngenerated\n${RESULTS_END}\nrest\n`);
    expect(() => withResultsBlock('no markers', 'x')).toThrow(/no results markers/);
  });
});

describe('results/explanations.md', () => {
  it('names failures as `<adapter> <mode> <rule>`, several per heading, the preamble not shown', () => {
    const parsed = parseExplanations('preamble\n\n## tarn model CLOSE-1, tarn live  CLOSE-1\n\n**Why.** Because.\n\n## pg-pool live WAIT-2\ntext\n');
    expect(parsed).toEqual([
      { keys: ['tarn model CLOSE-1', 'tarn live CLOSE-1'], intermittent: false, text: '**Why.** Because.' },
      { keys: ['pg-pool live WAIT-2'], intermittent: false, text: 'text' },
    ]);
  });

  it('marks live findings that come and go: explained when present, not stale when absent', () => {
    const parsed = parseExplanations('## mariadb live BOUND-3, sqlite live EXCL-2 (intermittent)\nrate\n');
    expect(parsed).toEqual([{ keys: ['mariadb live BOUND-3', 'sqlite live EXCL-2'], intermittent: true, text: 'rate' }]);
    expect(explanationProblems({ reports: [] }, parsed)).toEqual({ missing: [], stale: [] });
    expect(() => parseExplanations('## tarn model EXCL-2 (intermittent)\n')).toThrow(/only live findings come and go/);
  });

  it('rejects a heading that names no failure, and a failure explained twice', () => {
    expect(() => parseExplanations('## tarn CLOSE-1\n')).toThrow(/line 1: expected headings like/);
    expect(() => parseExplanations('## a model X-1\n## a model X-1\n')).toThrow(/explains `a model X-1` twice/);
  });
});

describe('collectReports', () => {
  it('reads <dir>/<adapter>/<mode>/report.json: model runs first, then live, in built-in adapter order', () => {
    const dir = mkdtempSync(join(tmpdir(), 'poolcheck-results-'));
    try {
      const put = (name: string, spec: string, mode: string) => {
        mkdirSync(join(dir, name, mode), { recursive: true });
        writeFileSync(join(dir, name, mode, 'report.json'), JSON.stringify({ adapter: { name, spec }, run: { mode } }));
      };
      put('sqlite', 'sqlite', 'live');
      put('tarn', 'tarn', 'live');
      put('tarn', 'tarn', 'model');
      put('reference', 'reference', 'model');
      put('mine', './mine.ts', 'model');
      writeFileSync(join(dir, 'summary.md'), '');
      expect(collectReports(dir).map((r) => `${r.adapter.spec} ${r.run.mode}`)).toEqual(['reference model', 'tarn model', './mine.ts model', 'tarn live', 'sqlite live']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
