// Which package a failed import could not find, so that a missing optional package (a pool the
// user's project does not have, a live-mode driver) is reported with what to install instead of
// a stack trace. Null when the error is anything else, a broken package included.

/** `mysql2/promise` -> `mysql2`, `@testcontainers/postgresql` -> itself. */
export function packageOf(specifier: string): string {
  return specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
}

export function missingPackage(error: unknown): string | null {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return null;
  // ESM: "Cannot find package 'pg' imported from ..."; CommonJS: "Cannot find module 'pg-pool'".
  const named = typeof message === 'string' ? /Cannot find (?:package|module) '([^']+)'/.exec(message)?.[1] : undefined;
  if (named === undefined || named.startsWith('.') || named.startsWith('/')) return null;
  return packageOf(named);
}
