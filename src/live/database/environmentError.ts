// Every database problem the user must fix becomes one line with code POOLCHECK_ENVIRONMENT
// (exit 2). Driver messages are quoted in it, so the password is scrubbed here, in one place,
// whatever the message was built from. Secrets shorter than 4 characters are left alone: they
// occur inside ordinary words (`--db` with password `b`), and scrubbing them garbles the line.
import { PoolcheckError, type ErrorCode } from '../../errors.ts';

export function environmentError(
  message: string,
  secrets: ReadonlyArray<string | undefined> = [],
  code: ErrorCode = 'POOLCHECK_ENVIRONMENT',
): PoolcheckError {
  let line = message.replace(/\s*\n\s*/g, ' ').trim();
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) line = line.split(form).join('***');
  }
  return new PoolcheckError(code, line);
}
