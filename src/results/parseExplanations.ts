// Reads results/explanations.md: hand-written explanations of findings, which the generated
// results block shows beside the counterexamples. Each explanation is a `## ` heading naming the
// failures it explains (`## tarn model CLOSE-1, tarn live CLOSE-1`), then free Markdown up to
// the next heading. Text before the first heading is the file's own preamble and is not shown.
import { findingKeyPattern } from './findingKey.ts';

export interface Explanation {
  /** `<adapter> <mode> <rule>` for each failure it explains. */
  readonly keys: readonly string[];
  /**
   * Live findings that show in some runs and not others (`## mariadb live BOUND-3 (intermittent)`):
   * explained whether or not the committed results caught them this time. `npm run soak` measures
   * their rate.
   */
  readonly intermittent: boolean;
  /** The Markdown body, trimmed. */
  readonly text: string;
}

export function parseExplanations(markdown: string): Explanation[] {
  const out: Explanation[] = [];
  let current: { keys: string[]; intermittent: boolean; lines: string[] } | null = null;
  const flush = () => {
    if (current) out.push({ keys: current.keys, intermittent: current.intermittent, text: current.lines.join('\n').trim() });
  };
  for (const [i, line] of markdown.split('\n').entries()) {
    const heading = /^## (.*)$/.exec(line);
    if (!heading) {
      current?.lines.push(line);
      continue;
    }
    flush();
    const marked = /^(.*?)\s*\(intermittent\)\s*$/.exec(heading[1]!);
    const keys = (marked ? marked[1]! : heading[1]!).split(',').map((k) => k.trim().replace(/\s+/g, ' '));
    const bad = keys.find((k) => !findingKeyPattern.test(k));
    if (bad !== undefined) {
      throw new Error(`results/explanations.md line ${i + 1}: expected headings like \`## tarn live CLOSE-1, sqlite live CLOSE-1\` (adapter, mode, rule), got \`${bad}\``);
    }
    const notLive = marked ? keys.find((k) => findingKeyPattern.exec(k)?.[2] !== 'live') : undefined;
    if (notLive !== undefined) {
      throw new Error(`results/explanations.md line ${i + 1}: only live findings come and go (model mode replays exactly), got \`${notLive}\` marked (intermittent)`);
    }
    current = { keys, intermittent: marked !== null, lines: [] };
  }
  flush();
  const seen = new Set<string>();
  for (const key of out.flatMap((e) => e.keys)) {
    if (seen.has(key)) throw new Error(`results/explanations.md explains \`${key}\` twice`);
    seen.add(key);
  }
  return out;
}
