// A sharded run's reports say which share of the command they hold (AdapterReport.shard): the
// runner judges an adapter as always, and this wrapper adds the shard to what it reports, so that
// report.json records it and `poolcheck merge` can check that every shard is there exactly once.
import type { Reporter } from '../reports/Reporter.ts';
import type { ShardPart } from '../runner/AdapterReport.ts';

export function stampShard(reporter: Reporter, shard: ShardPart): Reporter {
  return {
    onAdapterStart: (head) => reporter.onAdapterStart?.({ ...head, shard }),
    onRuleResult: (head, rule, verdict) => reporter.onRuleResult?.({ ...head, shard }, rule, verdict),
    onAdapterEnd: (report) => reporter.onAdapterEnd?.({ ...report, shard }),
  };
}
