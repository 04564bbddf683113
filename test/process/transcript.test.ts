// The worked session of spec/process-protocol.md is true to the protocol: every line is a message
// of the schema, and replayed through poolcheck's own channel (a fake adapter plays the page's
// adapter side) poolcheck sends exactly the page's requests and reads its replies as the page
// says. The page's manifest example is a manifest of the schema too.
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { greet } from '../../src/process/greet.ts';
import { ProcessAdapterError } from '../../src/process/ProcessAdapterError.ts';
import type { AdapterEvent, RequestOp } from '../../src/process/protocol.ts';
import { gone, manifestFor, removeManifests, tempFile } from './fakeAdapters.ts';
import { schemaProblems } from './protocolSchema.ts';
import { blockAfter, workedSession } from './workedSession.ts';

afterAll(removeManifests);

const session = workedSession();
const parsed = (stream: 'stdin' | 'stdout') => session.filter((l) => l.stream === stream).map((l) => JSON.parse(l.text) as Record<string, unknown>);

describe('the worked session', () => {
  it('is messages of the schema: each request, each reply with the shape of its op, each event', () => {
    const ops = new Map<unknown, unknown>();
    for (const request of parsed('stdin')) {
      expect(schemaProblems('request', request), JSON.stringify(request)).toBe('');
      ops.set(request.id, request.op);
    }
    const answered: unknown[] = [];
    for (const message of parsed('stdout')) {
      expect(schemaProblems('stdoutMessage', message), JSON.stringify(message)).toBe('');
      if ('ok' in message) expect(schemaProblems(`${String(ops.get(message.id))}Ok`, message.ok), JSON.stringify(message)).toBe('');
      if ('id' in message) answered.push(message.id);
    }
    // Every request answered once; hello first, bye last.
    expect([...answered].sort((a, b) => Number(a) - Number(b))).toEqual([...ops.keys()]);
    expect([...ops.values()].at(0)).toBe('hello');
    expect([...ops.values()].at(-1)).toBe('bye');
  });

  it("replays through poolcheck's channel as the page shows it", async () => {
    const record = tempFile('worked-session.json');
    writeFileSync(record, JSON.stringify(session));
    const events: AdapterEvent[] = [];
    const { greeting, channel } = await greet(manifestFor('transcriptAdapter.mjs', [record]), { onEvent: (event) => events.push(event) });
    const [hello] = parsed('stdout');
    expect(greeting).toEqual(hello!.ok);

    // Each request is sent once every reply the page shows before it has come, and not before.
    const replies = new Map<unknown, Promise<{ ok: unknown } | { error: unknown }>>();
    for (const [at, line] of session.entries()) {
      if (line.stream !== 'stdin') continue;
      const { id, op, ...args } = JSON.parse(line.text) as { id: number; op: RequestOp | 'bye' } & Record<string, unknown>;
      const before = session.slice(0, at).filter((l) => l.stream === 'stdout').map((l) => (JSON.parse(l.text) as { id?: number }).id);
      await Promise.all(before.flatMap((b) => replies.get(b) ?? []));
      if (op === 'hello') continue; // greet sent it
      if (op === 'bye') {
        await channel.close();
        continue;
      }
      replies.set(id, channel.request(op, args as never, { deadlineMs: 10_000 }).then((ok: unknown) => ({ ok }), (error: unknown) => ({ error })));
    }

    for (const message of parsed('stdout')) {
      const got = await replies.get(message.id);
      if (got === undefined) continue; // hello's, bye's, the events
      if ('ok' in message) {
        expect(got, JSON.stringify(message)).toEqual({ ok: message.ok });
        continue;
      }
      const { error } = got as { error: ProcessAdapterError };
      expect(error).toBeInstanceOf(ProcessAdapterError);
      expect({ class: error.errorClass, type: error.type, message: error.message }).toEqual(message.error);
    }
    expect(events).toEqual(parsed('stdout').filter((m) => 'event' in m));
    expect(channel.fault).toBeUndefined();
    expect(channel.stderrTail()).toEqual(session.filter((l) => l.stream === 'stderr').map((l) => l.text));
    expect(await gone(channel.pid)).toBe(true);
  });
});

it("the page's manifest example is a manifest of the schema", () => {
  expect(schemaProblems('manifest', JSON.parse(blockAfter('The manifest', 'json')))).toBe('');
});
