import { createRequire } from 'node:module';

/** The version of an installed package, for an adapter's `pool.version` (reports name what ran). */
export function installedVersion(pkg: string, from: string = import.meta.url): string {
  try {
    return (createRequire(from)(`${pkg}/package.json`) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
