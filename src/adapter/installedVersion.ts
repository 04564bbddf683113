import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The version of an installed package, for an adapter's `pool.version` (reports name what ran). */
export function installedVersion(pkg: string, from: string = import.meta.url): string {
  const require = createRequire(from);
  try {
    return (require(`${pkg}/package.json`) as { version: string }).version;
  } catch {
    // A package whose `exports` leave out package.json (pg-pool): walk up from its entry point.
    try {
      for (let dir = dirname(require.resolve(pkg)); dir !== dirname(dir); dir = dirname(dir)) {
        try {
          const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
          if (manifest.name === pkg && manifest.version) return manifest.version;
        } catch {
          // no package.json here: go up
        }
      }
    } catch {
      // not installed
    }
    return 'unknown';
  }
}
