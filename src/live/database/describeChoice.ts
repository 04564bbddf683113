// Echoes an unrecognised database choice only when it cannot hold a secret: anything with `:`
// or `@` might be a mistyped URL with a password in it.
export function describeChoice(value: string): string {
  if (value === '') return 'an empty value';
  return /^[\w.-]{1,40}$/.test(value) ? `\`${value}\`` : 'a value that is none of these (not echoed: it may hold a password)';
}
