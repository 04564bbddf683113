// How poolcheck starts the Node host (nodeHost.ts) for one of its in-process adapters, as a
// process adapter's manifest says how to start it (src/process/readManifest.ts): this very node,
// with tsx for the TypeScript, from the repository's root, where `--import tsx` resolves.
// It imports nothing of loadAdapter, which is to import it (an in-process adapter's fork host).
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Manifest } from '../../process/readManifest.ts';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The host's program, also what a forked child runs. */
export const NODE_HOST_FILE = fileURLToPath(new URL('./nodeHost.ts', import.meta.url));

/** node's arguments that load tsx, so that the host runs the adapters' TypeScript as it is. */
export const TSX_IMPORT = ['--import', 'tsx'] as const;

/** `spec` as loadAdapter takes it: a built-in name (`pg-pool`), or a module path, relative to this process's directory. */
export function nodeHostManifest(spec: string): Manifest {
  return { command: process.execPath, args: [...TSX_IMPORT, NODE_HOST_FILE, absoluteSpec(spec)], cwd: REPO_ROOT, env: {} };
}

/**
 * The host starts in the repository's root: a module path is made absolute from here first.
 * Built-in names are bare words (loadAdapter's builtInAdapters); a spec with a directory or an
 * extension is a path.
 */
function absoluteSpec(spec: string): string {
  const isPath = spec.includes('/') || spec.includes(sep) || extname(spec) !== '';
  return isPath ? resolve(spec) : spec;
}
