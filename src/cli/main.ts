// The command line: `poolcheck run`, `poolcheck merge` and `poolcheck rules`. Exit 0 when every applicable rule
// passed, 1 when a rule failed or errored, 2 on bad usage or a broken environment.
import { Command, CommanderError, Option } from 'commander';
import { allBuiltInNames } from '../adapter/loadAdapter.ts';
import { PoolcheckError } from '../errors.ts';
import { mergeCommand, type MergeFlags } from './mergeCommand.ts';
import { runCommand, type RunFlags } from './runCommand.ts';
import { rulesCommand } from './rulesCommand.ts';

export async function main(argv: readonly string[]): Promise<number> {
  let code = 0;
  const program = new Command('poolcheck')
    .description('A property-based conformance suite for connection pools.')
    .exitOverride()
    .showSuggestionAfterError()
    // One line per error: commander's "(Did you mean ...?)" joins the line it belongs to.
    .configureOutput({ outputError: (s, write) => write(s.replace(/^error: /, 'poolcheck: ').replace(/\n(?=\(Did you mean)/, ' ')) });

  program
    .command('run')
    .description('judge one or more adapters against the rules')
    .option('--adapter <name|path>', `a built-in adapter (${allBuiltInNames.join(', ')}) or the path of a module exporting one; repeatable`, (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--all', 'judge every built-in adapter')
    .addOption(new Option('--profile <profile>', 'how many workloads per rule').choices(['quick', 'standard', 'thorough']).default('quick'))
    .addOption(
      new Option('--mode <mode>', 'model: in-memory backend on virtual time; live: a real database; fork: the cross-process rules (FORK-1, FORK-2) with real child processes on PostgreSQL; auto: model where the adapter has a model form; both: every mode the adapter has (model runs first, then live grouped by database, then fork)')
        .choices(['model', 'live', 'fork', 'auto', 'both'])
        .default('auto'),
    )
    .option('--db <url|embedded|testcontainers>', 'live mode: a postgres:// or mysql:// URL, embedded (PostgreSQL) or testcontainers (default: POOLCHECK_PG_URL or DATABASE_URL, else testcontainers, else embedded PostgreSQL; MySQL from POOLCHECK_MYSQL_URL, else testcontainers, else skipped)')
    .option('--seed <n>', 'fast-check seed (random when not given; printed either way)')
    .option('--path <path>', 'replay exactly one failure (with --seed and one rule in --rules)')
    .option('--rules <ids>', 'comma-separated rule ids to judge (default: all)')
    .option('--runs <n>', 'workloads per rule, overriding the profile')
    .option('--report-dir <dir>', 'write report.json, badge.svg and shields.json here (in <adapter>/<mode>/ when several runs), and summary.md, the results as Markdown')
    .option('--shard <i/n>', 'judge the i-th of n shares of the (adapter, mode, rule) items, for one of n CI jobs (needs --seed); `poolcheck merge` joins their --report-dir')
    .option('--exit-zero', 'exit 0 even when rules fail (for showcases and report-only jobs)')
    .action(async (opts: RunFlags) => {
      code = await runCommand(opts);
    });

  program
    .command('merge')
    .description("join the --report-dir of every shard of a `run --shard i/n` into the reports the unsharded run writes")
    .argument('<dir...>', "each shard's --report-dir")
    .requiredOption('--out <dir>', 'write report.json, badge.svg, shields.json and summary.md here, as `run --report-dir` does')
    .option('--exit-zero', 'exit 0 even when rules failed')
    .action(async (dirs: string[], opts: MergeFlags) => {
      code = await mergeCommand(dirs, opts);
    });

  program
    .command('rules')
    .description('list the rules of the catalogue')
    .option('--json', 'print the catalogue as JSON')
    .action((opts: { json?: boolean }) => {
      process.stdout.write(rulesCommand(Boolean(opts.json)));
    });

  try {
    if (argv.length === 0) {
      process.stdout.write(program.helpInformation());
      return 2;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof PoolcheckError) {
      process.stderr.write(`poolcheck: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
