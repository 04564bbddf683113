// The worked session of spec/process-protocol.md, read from the page: each line with the stream it
// travels on (stdin from poolcheck, stdout and stderr from the adapter).
import { readFileSync } from 'node:fs';

export interface SessionLine {
  readonly stream: 'stdin' | 'stdout' | 'stderr';
  readonly text: string;
}

export const page = readFileSync(new URL('../../spec/process-protocol.md', import.meta.url), 'utf8');

/** The first fenced block of `lang` after the heading `section`. */
export function blockAfter(section: string, lang: string): string {
  const from = page.indexOf(`\n## ${section}\n`);
  if (from === -1) throw new Error(`spec/process-protocol.md has no section \`${section}\``);
  const start = page.indexOf(`\`\`\`${lang}\n`, from) + lang.length + 4;
  return page.slice(start, page.indexOf('\n```', start) + 1);
}

export function workedSession(): SessionLine[] {
  return blockAfter('A worked session', 'text')
    .trimEnd()
    .split('\n')
    .map((line) => {
      const m = /^(stdin|stdout|stderr) +(.*)$/.exec(line);
      if (!m) throw new Error(`a line of the worked session without its stream: ${line}`);
      return { stream: m[1] as SessionLine['stream'], text: m[2]! };
    });
}
