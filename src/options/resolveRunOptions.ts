// Loose options at the edge (CLI flags, the vitest entry), complete options inside: the runner,
// workloads and checkers never see `undefined`.
import { PoolcheckError } from '../errors.ts';
import type { ShardPart } from './ShardPart.ts';
import { rules } from '../spec/rules.ts';

export type Profile = 'quick' | 'standard' | 'thorough';

/** Generated workloads per rule. */
export const profileRuns: Readonly<Record<Profile, number>> = { quick: 100, standard: 1000, thorough: 5000 };
/** Live mode runs in real time against a real server: far fewer workloads per rule. */
export const liveProfileRuns: Readonly<Record<Profile, number>> = { quick: 3, standard: 20, thorough: 100 };
/**
 * Live mode: real ms a rule may spend exploring and shrinking before its verdict stands. A
 * failure found is kept either way; a longer profile buys a smaller counterexample.
 */
export const liveRuleTimeLimitMs: Readonly<Record<Profile, number>> = { quick: 5_000, standard: 15_000, thorough: 60_000 };
/** Fork mode starts real processes for every workload: about a second each. */
export const forkProfileRuns: Readonly<Record<Profile, number>> = { quick: 5, standard: 20, thorough: 100 };
export const forkRuleTimeLimitMs: Readonly<Record<Profile, number>> = { quick: 10_000, standard: 30_000, thorough: 120_000 };

export type Mode = 'model' | 'live' | 'fork';
/** `auto`: model mode for adapters that have a model form, live mode for the others. */
export type ModeChoice = Mode | 'auto';

export interface LooseRunOptions {
  readonly mode?: string;
  readonly profile?: string;
  readonly seed?: string | number;
  readonly path?: string;
  readonly rules?: string | readonly string[];
  readonly reportDir?: string;
  readonly numRuns?: number;
}

export interface RunOptions {
  readonly mode: ModeChoice;
  readonly profile: Profile;
  /** Workloads per rule asked for with --runs, in either mode; null: the profile's (runsPerRule). */
  readonly numRuns: number | null;
  readonly seed: number;
  readonly path: string | null;
  /** Rule ids to judge, in catalogue order. */
  readonly rules: readonly string[];
  readonly reportDir: string | null;
  /** In a sharded run (`--shard i/n`), the share of the command this run's rules are: its reports say so. */
  readonly shard?: ShardPart;
}

export function resolveRunOptions(loose: LooseRunOptions = {}): RunOptions {
  const profile = loose.profile ?? 'quick';
  if (!(profile in profileRuns)) {
    throw new PoolcheckError('POOLCHECK_USAGE', `Expected --profile to be quick, standard or thorough, got \`${profile}\``);
  }
  const seed = resolveSeed(loose.seed);
  const wanted = typeof loose.rules === 'string' ? loose.rules.split(',') : (loose.rules ?? []);
  const ids = wanted.map((r) => r.trim().toUpperCase()).filter(Boolean);
  const unknown = ids.filter((id) => !rules.some((r) => r.id === id));
  if (unknown.length > 0) {
    throw new PoolcheckError('POOLCHECK_UNKNOWN_RULE', `Unknown rule id ${unknown.map((u) => `\`${u}\``).join(', ')}: \`poolcheck rules\` lists them`);
  }
  const path = loose.path ?? null;
  if (path !== null && !/^\d+(:\d+)*$/.test(path)) {
    throw new PoolcheckError('POOLCHECK_USAGE', `Expected --path to look like 12:0:3 (as printed with a failure), got \`${path}\``);
  }
  const mode = loose.mode ?? 'auto';
  if (mode !== 'model' && mode !== 'live' && mode !== 'fork' && mode !== 'auto') {
    throw new PoolcheckError('POOLCHECK_USAGE', `Expected --mode to be model, live, fork or auto, got \`${mode}\``);
  }
  return {
    mode,
    profile: profile as Profile,
    numRuns: loose.numRuns ?? null,
    seed,
    path,
    rules: rules.map((r) => r.id).filter((id) => ids.length === 0 || ids.includes(id)),
    reportDir: loose.reportDir ?? null,
  };
}

/** Workloads per rule in a mode: --runs when given, else the profile's count for that mode. */
export function runsPerRule(options: Pick<RunOptions, 'numRuns' | 'profile'>, mode: Mode): number {
  return options.numRuns ?? (mode === 'live' ? liveProfileRuns : mode === 'fork' ? forkProfileRuns : profileRuns)[options.profile];
}

function resolveSeed(seed: string | number | undefined): number {
  if (seed === undefined) return (Math.random() * 2 ** 31) | 0;
  const n = typeof seed === 'number' ? seed : Number(seed);
  if (!Number.isInteger(n) || n < -(2 ** 31) || n >= 2 ** 31 || (typeof seed === 'string' && !/^-?\d+$/.test(seed.trim()))) {
    throw new PoolcheckError('POOLCHECK_USAGE', `Expected --seed to be a 32-bit integer, got \`${seed}\``);
  }
  return n;
}
