// Errors for bad input and broken environments. A rule violation is never an exception: it is a
// `failed` verdict. These are for things the user must fix before poolcheck can judge anything.

export type ErrorCode =
  | 'POOLCHECK_USAGE'
  | 'POOLCHECK_ADAPTER_NOT_FOUND'
  | 'POOLCHECK_ADAPTER_CONTRACT'
  | 'POOLCHECK_UNKNOWN_RULE'
  | 'POOLCHECK_ENVIRONMENT';

export class PoolcheckError extends Error {
  override name = 'PoolcheckError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Describes a value for an expected-versus-got message: `42` (number), `undefined`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'function') return `a function`;
  if (typeof value === 'object') return Array.isArray(value) ? 'an array' : 'an object';
  switch (typeof value) {
    case 'string':
      return `\`${value}\` (string)`;
    case 'number':
    case 'boolean':
    case 'bigint':
    case 'symbol':
      return `\`${value.toString()}\` (${typeof value})`;
    default:
      return typeof value;
  }
}
