// The command line: `poolcheck run`, `poolcheck merge`, `poolcheck rules` and `poolcheck
// --version`. Exit 0 when every judged rule passed, 1 when a rule failed or errored, 2 on bad
// usage or a broken environment, including a run that judged nothing (src/cli/exitCode.ts).
import { Command, CommanderError, Option } from 'commander';
import { allBuiltInNames } from '../adapter/loadAdapter.ts';
import { PoolcheckError } from '../errors.ts';
import { mergeCommand, type MergeFlags } from './mergeCommand.ts';
import { packageVersion } from './packageVersion.ts';
import { runCommand, type RunFlags } from './runCommand.ts';
import { rulesCommand } from './rulesCommand.ts';

const exitCodesHelp = `
Exit codes:
  0  every judged rule passed (not-applicable rules do not count)
  1  a rule failed or errored (0 with --exit-zero)
  2  bad usage or environment, before anything is judged; or a run (one adapter in
     one mode) judged nothing: every applicable rule skipped (with --allow-skipped: 0 or 1).
     2 wins over 1; reports are written either way`;

export async function main(argv: readonly string[]): Promise<number> {
  let code = 0;
  const program = new Command('poolcheck')
    .description('A property-based conformance suite for connection pools.')
    .version(packageVersion(), '-V, --version', 'print the version of poolcheck')
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
      new Option('--mode <mode>', 'model: in-memory backend on virtual time; live: a real database; fork: the cross-process rules (FORK-1, FORK-2), and EXCL-1 and BOUND-1 inside each process, with real child processes on PostgreSQL; auto: model where the adapter has a model form; both: every mode the adapter has (model runs first, then live grouped by database, then fork)')
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
    .option('--exit-zero', 'exit 0 even when rules fail or error (report-only jobs); bad usage and a run that judged nothing still exit 2')
    .option('--allow-skipped', 'exit 0 (or 1) even when a run judged nothing because every applicable rule was skipped (no MySQL, no Python here)')
    .addHelpText('after', exitCodesHelp)
    .action(async (opts: RunFlags) => {
      code = await runCommand(opts);
    });

  program
    .command('merge')
    .description("join the --report-dir of every shard of a `run --shard i/n` into the reports the unsharded run writes")
    .argument('<dir...>', "each shard's --report-dir")
    .requiredOption('--out <dir>', 'write report.json, badge.svg, shields.json, summary.md, junit.xml and report.html here, as `run --report-dir` does')
    .option('--exit-zero', 'exit 0 even when rules fail or error; a run that judged nothing still exits 2')
    .option('--allow-skipped', 'exit 0 (or 1) even when a run judged nothing because every applicable rule was skipped')
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
