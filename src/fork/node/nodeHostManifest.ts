// How poolcheck starts the Node host (nodeHost.ts) for one of its in-process adapters, as a
// process adapter's manifest says how to start it (src/process/readManifest.ts): this very node,
// with tsx for poolcheck's TypeScript when it runs from its sources (from the package's build it
// is JavaScript: src/adapter/typeScriptLoader.ts), from poolcheck's root.
// It imports nothing of loadAdapter, which is to import it (an in-process adapter's fork host).
import { extname, resolve, sep } from 'node:path';
import { ownFile, ownModule } from '../../ownFiles.ts';
import { typeScriptImportArgs } from '../../adapter/typeScriptLoader.ts';
import type { Manifest } from '../../process/readManifest.ts';

/** The host's program, also what a forked child runs. */
export const NODE_HOST_FILE = ownModule('src/fork/node/nodeHost.ts');

/** node's arguments that load poolcheck's TypeScript in the host, from the sources. */
export const TSX_IMPORT: readonly string[] = typeScriptImportArgs();

/** `spec` as loadAdapter takes it: a built-in name (`pg-pool`), or a module path, relative to this process's directory. */
export function nodeHostManifest(spec: string): Manifest {
  return { command: process.execPath, args: [...TSX_IMPORT, NODE_HOST_FILE, absoluteSpec(spec)], cwd: ownFile('./'), env: {} };
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
