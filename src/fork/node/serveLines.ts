// The host's side of one channel (spec/process-protocol.md, Lines, and Order and concurrency):
// requests read line by line, each handed to `answer` without waiting for it, so that an acquire
// the pool keeps waiting never holds up the next request; replies written as each finishes, in
// any order. `bye` is answered here, and the caller leaves; so it does when the input ends.
import type { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import type { Reply, Request } from './answerRequest.ts';

export interface ChannelEnd {
  /** `bye` came: write `reply` (its answer, a line), then exit. */
  readonly bye: (reply: string) => void;
  /** The input ended without `bye`: poolcheck is gone. */
  readonly ended: () => void;
}

/** One message as one line of compact JSON, newline included. */
export const line = (message: object): string => `${JSON.stringify(message)}\n`;

export function serveLines(input: Readable, answer: (request: Request) => Promise<Reply>, write: (line: string) => void, end: ChannelEnd): void {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let leaving = false;
  lines.on('line', (text) => {
    if (leaving || text.trim() === '') return;
    const request = parseRequest(text);
    if (request === null) return;
    if (request.op === 'bye') {
      leaving = true;
      lines.close();
      return end.bye(line({ id: request.id, ok: {} }));
    }
    void answer(request).then((reply) => {
      // After `bye`, nothing: the channel is poolcheck's no more.
      if (!leaving) write(line(reply));
    });
  });
  lines.on('close', () => {
    if (!leaving) end.ended();
  });
}

/** A request, or null (said on stderr) for a line that names no request to answer. */
function parseRequest(text: string): Request | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const id = (value as { id?: unknown } | null | undefined)?.id;
  if (typeof value === 'object' && value !== null && Number.isSafeInteger(id)) return value as Request;
  process.stderr.write(`node host: ignored a line that is not a request with an id: ${text.slice(0, 120)}\n`);
  return null;
}
