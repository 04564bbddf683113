// One line of an adapter's stdout, read as a message of the protocol: a reply (`ok` or `error`),
// or an event. Anything else is described in words, for the fault that stops the adapter.
// The envelope is strict (a misspelt `eror` is caught); what `ok` and an event carry is open:
// poolcheck ignores fields it does not know (spec/process-protocol.md, Versioning).
import { describeValue } from '../errors.ts';
import type { AdapterEvent, ErrorReply } from './protocol.ts';
import { quoteLine } from './quoteLine.ts';

export type Message =
  | { readonly kind: 'ok'; readonly id: number; readonly ok: unknown }
  | { readonly kind: 'error'; readonly id: number; readonly error: ErrorReply }
  | { readonly kind: 'event'; readonly event: AdapterEvent }
  | { readonly kind: 'bad'; readonly problem: string };

const ERROR_CLASSES: readonly unknown[] = ['timeout', 'closed', 'connect', 'other'];

export function parseMessage(line: string): Message {
  const bad = (problem: string): Message => ({ kind: 'bad', problem });
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return bad(`expected one JSON message per line on stdout, got ${quoteLine(line)}: print anything else to stderr`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !('id' in value || 'event' in value)) {
    return bad(`expected a reply ({"id", "ok"} or {"id", "error"}) or an event ({"event"}) on stdout, got ${quoteLine(line)}`);
  }
  const m = value as Record<string, unknown>;
  if (!('id' in m)) return parseEvent(m, line);
  if (!Number.isSafeInteger(m.id) || (m.id as number) < 1) return bad(`expected \`id\` to be the number of a request, got ${describeValue(m.id)} in ${quoteLine(line)}`);
  const id = m.id as number;
  const keys = Object.keys(m).sort().join();
  if (keys === 'id,ok') return { kind: 'ok', id, ok: m.ok };
  if (keys !== 'error,id') return bad(`expected a reply to be {"id", "ok"} or {"id", "error"} and nothing else, got ${quoteLine(line)}`);
  const e = m.error as Record<string, unknown> | null;
  if (typeof e !== 'object' || e === null || !ERROR_CLASSES.includes(e.class) || typeof e.type !== 'string' || e.type === '' || typeof e.message !== 'string') {
    return bad(`expected \`error\` to be {"class": "timeout" | "closed" | "connect" | "other", "type": string, "message": string}, got ${quoteLine(line)}`);
  }
  return { kind: 'error', id, error: { class: e.class as ErrorReply['class'], type: e.type, message: e.message } };
}

function parseEvent(m: Record<string, unknown>, line: string): Message {
  if (typeof m.event !== 'string' || m.event === '') return { kind: 'bad', problem: `expected \`event\` to name the event, got ${describeValue(m.event)} in ${quoteLine(line)}` };
  if (m.event === 'log' && typeof m.message !== 'string') return { kind: 'bad', problem: `expected the \`log\` event's \`message\` to be a string, got ${quoteLine(line)}` };
  return { kind: 'event', event: m as AdapterEvent };
}
