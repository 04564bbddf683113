// Where poolcheck's own files are. poolcheck runs from its TypeScript sources in a repository
// checkout (bin/poolcheck.js registers tsx; vitest loads them itself) and from its build in the
// installed package (dist/, compiled by tsconfig.build.json on `npm pack`), where the tree under
// dist/ mirrors the repository's (dist/src, dist/adapters, dist/suites) and the files that are
// not compiled (the Python adapters and their manifests) stay at the package's root.
import { fileURLToPath } from 'node:url';

/** True when running from dist/ (compiled JavaScript), false from the TypeScript sources. */
export const fromBuild = import.meta.url.endsWith('.js');

/** The extension of poolcheck's own modules as they run here. */
export const moduleExtension = fromBuild ? '.js' : '.ts';

/** The root of the code tree: the repository, or dist/ in the package. */
const codeRoot = new URL('../', import.meta.url);

/** The package's root: package.json, bin/, and the process adapters' files. */
const packageRoot = new URL(fromBuild ? '../../' : '../', import.meta.url);

/** A module of poolcheck's code tree, named by its source path (`adapters/tarn/index.ts`). */
export function ownModule(sourcePath: string): string {
  return fileURLToPath(new URL(sourcePath.replace(/\.ts$/, moduleExtension), codeRoot));
}

/** A file that is not compiled, by its path from the package's root (`adapters/sqlalchemy/adapter.py`). */
export function ownFile(path: string): string {
  return fileURLToPath(new URL(path, packageRoot));
}
