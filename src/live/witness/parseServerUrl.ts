// Checks that a URL is of the kind a witness needs before anything connects with it. The message
// names the scheme it got, never the URL, which may carry a password.
import { PoolcheckError, describeValue } from '../../errors.ts';

const SCHEMES = {
  PostgreSQL: ['postgres:', 'postgresql:'],
  MySQL: ['mysql:', 'mariadb:'],
} as const;

export function parseServerUrl(kind: keyof typeof SCHEMES, url: string): URL {
  const expected = SCHEMES[kind];
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new PoolcheckError(
      'POOLCHECK_USAGE',
      typeof url === 'string'
        ? `Expected a ${expected[0]}// URL for ${kind}, got a string that is not a URL`
        : `Expected a ${expected[0]}// URL for ${kind}, got ${describeValue(url)}`,
    );
  }
  if (!(expected as readonly string[]).includes(parsed.protocol)) {
    throw new PoolcheckError('POOLCHECK_USAGE', `Expected a ${expected.join('// or ')}// URL for ${kind}, got a ${parsed.protocol}// URL`);
  }
  return parsed;
}
