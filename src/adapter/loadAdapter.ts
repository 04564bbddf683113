// Finds an adapter by built-in name or by path, and checks it keeps the contract.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PoolcheckError } from '../errors.ts';
import { ownFile, ownModule } from '../ownFiles.ts';
import type { Adapter } from './Adapter.ts';
import { builtInNeeds, installHint } from './builtInNeeds.ts';
import { missingPackage } from '../missingPackage.ts';
import { ensureTypeScriptLoader } from './typeScriptLoader.ts';
import { unavailableAdapter } from './unavailableAdapter.ts';
import { validateAdapter } from './validateAdapter.ts';
import { loadProcessAdapter } from '../process/processAdapter.ts';
import { manifestForkHost } from '../fork/manifestForkHost.ts';
import { nodeHostManifest } from '../fork/node/nodeHostManifest.ts';
import type { ForkHost } from '../fork/ForkHost.ts';

/** Built-in adapters by name, each in its own folder under adapters/ (by source path; dist/adapters/ in the package). */
export const builtInAdapters: Readonly<Record<string, string>> = {
  reference: 'adapters/reference/index.ts',
  'generic-pool': 'adapters/generic-pool/index.ts',
  tarn: 'adapters/tarn/index.ts',
  'pg-pool': 'adapters/pg-pool/index.ts',
  mysql2: 'adapters/mysql2/index.ts',
  mariadb: 'adapters/mariadb/index.ts',
  sqlite: 'adapters/sqlite/index.ts',
};

/**
 * Built-in process adapters by name (Python's pools): judged by `--all` where their interpreter
 * and packages are installed, reported skipped with how to install them where not.
 */
export const builtInProcessAdapters: Readonly<Record<string, string>> = {
  'sqlalchemy-queuepool': 'adapters/sqlalchemy/queuepool.adapter.json',
  'sqlalchemy-queuepool-dispose': 'adapters/sqlalchemy/queuepool-dispose.adapter.json',
  'sqlalchemy-nullpool': 'adapters/sqlalchemy/nullpool.adapter.json',
  'psycopg-pool': 'adapters/psycopg-pool/psycopg-pool.adapter.json',
};

/** Every built-in adapter's name, in-process ones first: what `--all` judges. */
export const allBuiltInNames: readonly string[] = [...Object.keys(builtInAdapters), ...Object.keys(builtInProcessAdapters)];

export interface LoadedAdapter {
  readonly adapter: Adapter;
  /** How to name it again on the command line (built-in name or the path given). */
  readonly spec: string;
  /** Lets go of what the adapter holds beyond its pools (a process adapter's process). */
  readonly dispose?: () => Promise<void>;
  /**
   * It cannot run on this machine, and how to make it (a process adapter's missing interpreter, a
   * built-in adapter's pool not installed): every rule is skipped with this.
   */
  readonly unavailable?: string;
  /** Fork mode: how to start the adapter as the parent process of a workload (adapters that declare `fork`). */
  readonly forkHost?: ForkHost;
}

/** How a process adapter's manifest is named (spec/process-protocol.md). */
export const MANIFEST_SUFFIX = '.adapter.json';

export async function loadAdapter(spec: string): Promise<LoadedAdapter> {
  const processBuiltIn = builtInProcessAdapters[spec];
  if (spec.endsWith(MANIFEST_SUFFIX) || processBuiltIn) {
    const manifest = processBuiltIn ? ownFile(processBuiltIn) : spec;
    const { adapter, dispose, unavailable, forkHost } = await loadProcessAdapter(manifest);
    return { adapter: adapter as unknown as Adapter, spec, dispose, ...(unavailable === undefined ? {} : { unavailable }), ...(forkHost === undefined ? {} : { forkHost }) };
  }
  const builtIn = builtInAdapters[spec];
  const file = builtIn ? ownModule(builtIn) : resolve(spec);
  if (!builtIn && !existsSync(file)) {
    const names = Object.keys(builtInAdapters).join(', ');
    throw new PoolcheckError('POOLCHECK_ADAPTER_NOT_FOUND', `No adapter \`${spec}\`: give a built-in name (${names}), the path of a .ts or .js module that exports one, or a process adapter's manifest (x${MANIFEST_SUFFIX})`);
  }
  if (!builtIn) await ensureTypeScriptLoader(spec, file);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    // A built-in adapter whose pool the user's project has not installed (they are optional peer
    // dependencies): its rules are skipped with what to install, as a process adapter's are.
    const missing = builtIn ? missingPackage(error) : null;
    const needs = builtInNeeds[spec];
    if (missing !== null && needs?.packages.includes(missing)) {
      return { adapter: unavailableAdapter(spec, needs.runsOn), spec, unavailable: `the package \`${missing}\` is not installed in this project: run \`${installHint(spec)}\`` };
    }
    const reason = error instanceof Error ? error.message.split('\n')[0]!.split('. ')[0] : String(error);
    // A .ts file outside a "type": "module" package is loaded as CommonJS and cannot import ESM.
    const hint = /require\(\) ES Module|ERR_REQUIRE/.test(String(error)) && file.endsWith('.ts') ? ' (name it .mts, or put it in a package with "type": "module")' : '';
    throw new PoolcheckError('POOLCHECK_ADAPTER_NOT_FOUND', `adapter ${spec}: the module failed to load: ${reason}${hint}`);
  }
  const adapter = validateAdapter(spec, pickExport(spec, mod));
  // Fork mode runs an in-process adapter in the Node host (src/fork/node/), whose children are
  // new Node processes, each with a pool of its own.
  return { adapter, spec, ...(adapter.capabilities.fork === null ? {} : { forkHost: manifestForkHost(spec, nodeHostManifest(spec)) }) };
}

/** The default export, or the one export that looks like an adapter. */
function pickExport(spec: string, mod: Record<string, unknown>): unknown {
  if (mod.default !== undefined) return mod.default;
  const candidates = Object.values(mod).filter((v) => typeof v === 'object' && v !== null && 'contract' in v);
  if (candidates.length === 1) return candidates[0];
  const why = candidates.length === 0 ? 'exports no adapter' : `exports ${candidates.length} adapters`;
  throw new PoolcheckError('POOLCHECK_ADAPTER_CONTRACT', `adapter ${spec}: the module ${why}; export one as \`default\``);
}
