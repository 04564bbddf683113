// Loads an optional package lazily, so that a missing driver fails only the run that needs it,
// with a message saying what to install. `load` is injectable: tests simulate a package that is
// not installed without uninstalling it.
import { environmentError } from './environmentError.ts';

export type ModuleLoader = (specifier: string) => Promise<unknown>;

export const nodeImport: ModuleLoader = (specifier) => import(specifier);

/** `mysql2/promise` -> `mysql2`, `@testcontainers/postgresql` -> itself. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return parts.slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
}

/** True when `error` says that the package itself (not one of its own imports) is missing. */
function isMissing(error: unknown, name: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return false;
  if (typeof message !== 'string') return true;
  return [`'${name}'`, `'${name}/`, `"${name}"`, `"${name}/`].some((quoted) => message.includes(quoted));
}

export async function importModule<T>(specifier: string, purpose: string, load: ModuleLoader): Promise<T> {
  try {
    return (await load(specifier)) as T;
  } catch (error) {
    const name = packageOf(specifier);
    if (isMissing(error, name)) {
      throw environmentError(`${purpose} needs the package \`${name}\`, which is not installed: run \`npm install --save-dev ${name}\``);
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw environmentError(`${purpose}: the package \`${specifier}\` cannot be loaded (${reason})`);
  }
}
