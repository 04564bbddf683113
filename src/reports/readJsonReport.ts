// The reader of the JSON report: a report.json back into the AdapterReport it was written from
// (jsonReport.ts), so that `poolcheck merge` can hand the shards' reports to the same writers a
// run calls at its end. What the writer derives (levels, replay commands, a counterexample's
// readable steps) is dropped here and derived again; placeholders for rules without a verdict
// (not selected, another shard's) are not verdicts and are left out.
import { PoolcheckError } from '../errors.ts';
import type { AdapterReport, ShardPart } from '../runner/AdapterReport.ts';
import type { Verdict } from '../runner/Verdict.ts';
import { ruleById } from '../spec/rules.ts';
import { NOT_IN_FORK_MODE, NOT_IN_SHARD, NOT_SELECTED, REPORT_VERSION } from './jsonReport.ts';

type Doc = Record<string, unknown>;

const isDoc = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `file` names the report in error messages. */
export function readJsonReport(doc: unknown, file: string): AdapterReport {
  const bad = (what: string) => new PoolcheckError('POOLCHECK_USAGE', `${file} is not a poolcheck report.json of version ${REPORT_VERSION}: ${what}`);
  if (!isDoc(doc)) throw bad('not a JSON object');
  if (doc['version'] !== REPORT_VERSION) throw bad(`its version is ${JSON.stringify(doc['version'])}`);
  const { adapter, run, rules } = doc;
  if (!isDoc(adapter) || typeof adapter['name'] !== 'string' || typeof adapter['spec'] !== 'string' || !isDoc(adapter['pool']) || !isDoc(adapter['capabilities'])) throw bad('no `adapter`');
  if (!isDoc(run) || !['model', 'live', 'fork'].includes(run['mode'] as string) || typeof run['seed'] !== 'number' || typeof run['numRuns'] !== 'number' || typeof run['ms'] !== 'number') throw bad('no `run`');
  if (!Array.isArray(rules) || !rules.every((r) => isDoc(r) && typeof r['id'] === 'string' && ruleById(r['id']) !== undefined)) throw bad('`rules` are not rules of this catalogue');
  const shard = isDoc(run['shard']) ? (run['shard'] as unknown as ShardPart & { readonly rules: readonly string[] }) : undefined;
  const judged = (entry: Doc): boolean => (shard ? shard.rules.includes(entry['id'] as string) : !(entry['status'] === 'skipped' && (entry['reason'] === NOT_SELECTED || entry['reason'] === NOT_IN_SHARD || entry['reason'] === NOT_IN_FORK_MODE)));
  return {
    adapter: adapter['name'],
    spec: adapter['spec'],
    pool: adapter['pool'] as AdapterReport['pool'],
    capabilities: adapter['capabilities'] as unknown as AdapterReport['capabilities'],
    mode: run['mode'] as AdapterReport['mode'],
    ...(isDoc(run['database']) && isDoc(run['tolerance']) ? { live: { database: run['database'], tolerance: run['tolerance'] } as unknown as NonNullable<AdapterReport['live']> } : {}),
    profile: run['profile'] as AdapterReport['profile'],
    numRuns: run['numRuns'],
    seed: run['seed'],
    verdicts: (rules as Doc[]).filter(judged).map(verdictOf),
    ms: run['ms'],
    ...(shard ? { shard: { index: shard.index, count: shard.count, items: shard.items, position: shard.position } } : {}),
  };
}

/** A rule entry back into its verdict: the fields jsonReport's ruleEntry wrote, less what it derived. */
function verdictOf(entry: Doc): Verdict {
  // `title`, `level`: the catalogue's; `replay`: from seed and path; `steps`: from the workload.
  const { id, title: _title, level: _level, replay: _replay, counterexample, ...fields } = entry;
  const rest = { rule: id, ...fields, ms: typeof fields['ms'] === 'number' ? fields['ms'] : 0 };
  if (!isDoc(counterexample)) return rest as unknown as Verdict;
  const { steps: _steps, ...example } = counterexample;
  return { ...rest, counterexample: example } as unknown as Verdict;
}
