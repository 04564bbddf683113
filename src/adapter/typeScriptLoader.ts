// Loading an adapter written in TypeScript. From poolcheck's sources a TypeScript loader already
// runs (bin/poolcheck.js registers tsx in a repository checkout; vitest has its own). From the
// package's build (dist/) tsx is an optional peer dependency: it is registered when the user's
// project has it, Node's own type stripping serves where Node has it (22.18 and later), and
// otherwise loading a .ts adapter fails with one line saying what to install.
import { fromBuild } from '../ownFiles.ts';
import { PoolcheckError } from '../errors.ts';

export const TSX_HINT = 'npm install --save-dev tsx';

const TYPESCRIPT_FILE = /\.[cm]?ts$/;

let registered: Promise<boolean> | undefined;

/** Registers tsx once in this thread when it is installed; false when it is not. */
function registerTsx(): Promise<boolean> {
  registered ??= import('tsx/esm/api').then(
    (tsx) => (tsx.register(), true),
    () => false,
  );
  return registered;
}

/** Node strips types itself (`process.features.typescript`, Node 22.10+; on by default from 22.18). */
function nodeStripsTypes(): boolean {
  return Boolean((process.features as { typescript?: unknown }).typescript);
}

/** Makes sure `file` can be imported: a no-op for JavaScript and from poolcheck's own sources. */
export async function ensureTypeScriptLoader(spec: string, file: string): Promise<void> {
  if (!fromBuild || !TYPESCRIPT_FILE.test(file)) return;
  if ((await registerTsx()) || nodeStripsTypes()) return;
  throw new PoolcheckError(
    'POOLCHECK_ADAPTER_NOT_FOUND',
    `adapter ${spec}: an adapter written in TypeScript needs tsx on Node ${process.versions.node} (no type stripping): run \`${TSX_HINT}\`, or compile the adapter to .js`,
  );
}

/**
 * node's arguments that let a child process of poolcheck's (the fork-mode Node host) run
 * poolcheck's own TypeScript: tsx from the sources; none from the build, where the child's
 * loadAdapter loads a TypeScript adapter as this process does.
 */
export function typeScriptImportArgs(): readonly string[] {
  return fromBuild ? [] : ['--import', 'tsx'];
}
