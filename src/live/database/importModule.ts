// Loads an optional package lazily, so that a missing driver fails only the run that needs it,
// with a message saying what to install. `load` is injectable: tests simulate a package that is
// not installed without uninstalling it.
import { missingPackage, packageOf } from '../../missingPackage.ts';
import { environmentError } from './environmentError.ts';

export type ModuleLoader = (specifier: string) => Promise<unknown>;

export const nodeImport: ModuleLoader = (specifier) => import(specifier);

export async function importModule<T>(specifier: string, purpose: string, load: ModuleLoader): Promise<T> {
  try {
    return (await load(specifier)) as T;
  } catch (error) {
    // The package itself is missing, not one of its own imports.
    const name = packageOf(specifier);
    if (missingPackage(error) === name) {
      throw environmentError(`${purpose} needs the package \`${name}\`, which is not installed: run \`npm install --save-dev ${name}\``);
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw environmentError(`${purpose}: the package \`${specifier}\` cannot be loaded (${reason})`);
  }
}
