// The run as JUnit XML, the format CI systems read test results from (GitHub, GitLab, Jenkins,
// Azure): one <testsuite> per adapter and mode, one <testcase> per rule judged. A failure carries
// what the terminal prints for it (the minimal workload, the history, the replay line), so the
// CI's test view alone is enough to reproduce it. A pure function of the run's reports: `poolcheck
// run` writes it at the end of a run, and a merge of sharded runs can call it on their reports.
import type { AdapterReport } from '../runner/AdapterReport.ts';
import type { Verdict } from '../runner/Verdict.ts';
import { ruleById } from '../spec/rules.ts';
import { escapeMarkup } from './escapeMarkup.ts';
import { failureText } from './textReporter.ts';

const attr = (s: string): string => escapeMarkup(s, { attribute: true });
/** JUnit times are seconds. */
const seconds = (ms: number): string => (ms / 1000).toFixed(3);

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  ms: number;
}

function counts(verdicts: readonly Verdict[], ms: number): Counts {
  const n = (...s: Verdict['status'][]) => verdicts.filter((v) => s.includes(v.status)).length;
  return { tests: verdicts.length, failures: n('failed'), errors: n('errored'), skipped: n('skipped', 'not-applicable'), ms };
}

const countAttrs = (c: Counts): string => `tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}" time="${seconds(c.ms)}"`;

/** The failure's lines as the terminal prints them, without their indentation. */
function detail(report: AdapterReport, v: Verdict): string {
  return failureText(report, v)
    .slice(1)
    .map((l) => l.replace(/^ {2}/, ''))
    .join('\n');
}

function outcome(report: AdapterReport, v: Verdict): string {
  switch (v.status) {
    case 'passed':
      return '';
    case 'failed':
      return `\n      <failure message="${attr(v.violation.message)}" type="${attr(v.rule)}">${escapeMarkup(detail(report, v))}</failure>\n    `;
    case 'errored':
      return `\n      <error message="${attr(v.message)}" type="errored">${escapeMarkup(v.counterexample ? detail(report, v) : v.message)}</error>\n    `;
    case 'skipped':
      return `\n      <skipped message="${attr(v.link ? `${v.reason} (${v.link})` : v.reason)}"/>\n    `;
    case 'not-applicable':
      return `\n      <skipped message="${attr(`not applicable: ${v.reason}`)}"/>\n    `;
  }
}

function testcase(report: AdapterReport, v: Verdict): string {
  const title = ruleById(v.rule)?.title;
  const name = title === undefined ? v.rule : `${v.rule} ${title}`;
  const classname = `poolcheck.${report.adapter}.${report.mode}`;
  const open = `    <testcase name="${attr(name)}" classname="${attr(classname)}" time="${seconds(v.ms)}"`;
  return v.status === 'passed' ? `${open}/>` : `${open}>${outcome(report, v)}</testcase>`;
}

function testsuite(report: AdapterReport): string {
  const properties: [string, string][] = [
    ['adapter', report.spec],
    ['pool', `${report.pool.name} ${report.pool.version}`],
    ['mode', report.mode],
    ['profile', report.profile],
    ['workloads per rule', String(report.numRuns)],
    ['seed', String(report.seed)],
    ...(report.live ? ([['database', `${report.live.database.serverVersion} at ${report.live.database.url}`]] as [string, string][]) : []),
  ];
  return [
    `  <testsuite name="${attr(`${report.adapter} (${report.mode} mode)`)}" ${countAttrs(counts(report.verdicts, report.ms))}>`,
    '    <properties>',
    ...properties.map(([name, value]) => `      <property name="${attr(name)}" value="${attr(value)}"/>`),
    '    </properties>',
    ...report.verdicts.map((v) => testcase(report, v)),
    '  </testsuite>',
  ].join('\n');
}

/** One JUnit XML document for a whole run: every adapter and mode judged in it. */
export function junitXml(reports: readonly AdapterReport[]): string {
  const all = reports.map((r) => counts(r.verdicts, r.ms));
  const total = all.reduce((a, c) => ({ tests: a.tests + c.tests, failures: a.failures + c.failures, errors: a.errors + c.errors, skipped: a.skipped + c.skipped, ms: a.ms + c.ms }), { tests: 0, failures: 0, errors: 0, skipped: 0, ms: 0 });
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="poolcheck" ${countAttrs(total)}>`, ...reports.map(testsuite), '</testsuites>', ''].join('\n');
}
