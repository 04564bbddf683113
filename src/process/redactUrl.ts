import type { ProcessChannel } from './ProcessChannel.ts';

/** The database URL's password never appears in what the channel quotes (its errors, stderr). */
export function redactUrl(ch: ProcessChannel, url: string): void {
  const password = new URL(url).password;
  if (password) ch.redact(decodeURIComponent(password));
}
