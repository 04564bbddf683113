// The JSON report document. Its schema is spec/report.schema.json (version 2): change them together.
import { formatWorkload } from '../workload/formatWorkload.ts';
import type { AdapterReport } from '../runner/AdapterReport.ts';
import type { Verdict } from '../runner/Verdict.ts';
import { ruleById, rules, specVersion } from '../spec/rules.ts';
import { isForkModeRule } from '../../suites/forkSuites.ts';
import { levelStatus } from './levelStatus.ts';
import { replayCommand } from './replayCommand.ts';

export const REPORT_VERSION = 2;

/** Why a rule of the catalogue has no verdict in a report; the reader (readJsonReport) tells these from verdicts by them. */
export const NOT_SELECTED = 'not selected in this run (--rules)';
export const NOT_IN_SHARD = "not judged by this shard: another shard's, or not selected (--rules)";
export const NOT_IN_FORK_MODE = 'fork mode judges FORK-1, FORK-2, and EXCL-1 and BOUND-1 in each process: this rule is judged in model and live mode';

export function jsonReport(report: AdapterReport, generatedAt = new Date()): object {
  const judged = new Map(report.verdicts.map((v) => [v.rule, v]));
  return {
    $schema: 'https://poolcheck.dev/schemas/report-v2.json',
    version: REPORT_VERSION,
    specVersion,
    generatedAt: generatedAt.toISOString(),
    adapter: { name: report.adapter, spec: report.spec, pool: report.pool, capabilities: report.capabilities },
    run: {
      mode: report.mode,
      profile: report.profile,
      numRuns: report.numRuns,
      seed: report.seed,
      ms: Math.round(report.ms),
      ...(report.live ? { database: report.live.database, tolerance: report.live.tolerance } : {}),
      // A shard's report: which share of the command, and the rules it judged (the others are placeholders).
      ...(report.shard ? { shard: { ...report.shard, rules: report.verdicts.map((v) => v.rule) } } : {}),
    },
    levels: levelStatus(report.verdicts),
    // Every rule of the catalogue appears; rules not asked for in this run are `skipped`.
    rules: rules.map((rule) => ruleEntry(report, rule.id, judged.get(rule.id))),
  };
}

function ruleEntry(report: AdapterReport, id: string, v: Verdict | undefined): object {
  const rule = ruleById(id)!;
  const base = { id, title: rule.title, level: rule.level };
  if (!v) return { ...base, status: 'skipped', reason: report.shard ? NOT_IN_SHARD : report.mode === 'fork' && !isForkModeRule(id) ? NOT_IN_FORK_MODE : NOT_SELECTED };
  const common = { ...base, status: v.status, ms: Math.round(v.ms) };
  switch (v.status) {
    case 'passed':
      return { ...common, runs: v.runs, ...(v.cutShort ? { cutShort: v.cutShort } : {}), basis: v.basis };
    case 'not-applicable':
      return { ...common, reason: v.reason };
    case 'skipped':
      return { ...common, reason: v.reason, ...(v.link ? { link: v.link } : {}) };
    case 'errored':
      return {
        ...common,
        basis: v.basis,
        message: v.message,
        ...(v.seed !== undefined && v.path !== undefined ? { seed: v.seed, path: v.path, replay: replayCommand(report, id, v.seed, v.path) } : {}),
        ...(v.counterexample ? { counterexample: { ...v.counterexample, steps: formatWorkload(v.counterexample, report.capabilities) } } : {}),
      };
    case 'failed':
      return {
        ...common,
        runs: v.runs,
        seed: v.seed,
        path: v.path,
        shrinks: v.shrinks,
        replay: replayCommand(report, id, v.seed, v.path),
        violation: v.violation,
        counterexample: { ...v.counterexample, steps: formatWorkload(v.counterexample, report.capabilities) },
        history: v.history,
        basis: v.basis,
      };
  }
}
