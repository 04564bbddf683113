// How an error message quotes what an adapter printed: in backticks, cut after a readable length,
// saying how long the whole was, so one bad line never floods the terminal.
const MAX_QUOTED = 120;

export function quoteLine(text: string): string {
  if (text.length <= MAX_QUOTED) return `\`${text}\``;
  return `\`${text.slice(0, MAX_QUOTED)}…\` (${text.length.toLocaleString('en-US')} characters)`;
}
