// One line of an adapter's stdout read as a message (src/process/parseMessage.ts), and the
// schema's word on the same line: the two agree on what is a message and what is not.
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../src/process/parseMessage.ts';
import { okProblem } from '../../src/process/okProblem.ts';
import { schemaProblems } from './protocolSchema.ts';

const messages: Array<[string, string]> = [
  ['{"id":1,"ok":{}}', 'ok'],
  ['{"id":2,"ok":{"pool":"p1","extra":true}}', 'ok'],
  ['{"id":3,"error":{"class":"timeout","type":"sqlalchemy.exc.TimeoutError","message":"QueuePool limit reached"}}', 'error'],
  ['{"id":4,"error":{"class":"other","type":"T","message":""}}', 'error'],
  ['{"event":"log","message":"ready"}', 'event'],
  ['{"event":"child-started","pid":3}', 'event'],
];

const faults: Array<[string, string]> = [
  ['starting the pool...', 'expected one JSON message per line on stdout, got `starting the pool...`: print anything else to stderr'],
  ['[1,2]', 'expected a reply ({"id", "ok"} or {"id", "error"}) or an event ({"event"}) on stdout, got `[1,2]`'],
  ['{"pool":"p1"}', 'expected a reply ({"id", "ok"} or {"id", "error"}) or an event ({"event"}) on stdout, got `{"pool":"p1"}`'],
  ['{"id":0,"ok":{}}', 'expected `id` to be the number of a request, got `0` (number) in `{"id":0,"ok":{}}`'],
  ['{"id":"1","ok":{}}', 'expected `id` to be the number of a request, got `1` (string) in `{"id":"1","ok":{}}`'],
  ['{"id":1}', 'expected a reply to be {"id", "ok"} or {"id", "error"} and nothing else, got `{"id":1}`'],
  ['{"id":1,"ok":{},"error":{"class":"other","type":"T","message":"m"}}', 'expected a reply to be {"id", "ok"} or {"id", "error"} and nothing else, got `{"id":1,"ok":{},"error":{"class":"other","type":"T","message":"m"}}`'],
  ['{"id":1,"ok":{},"event":"log"}', 'expected a reply to be {"id", "ok"} or {"id", "error"} and nothing else, got `{"id":1,"ok":{},"event":"log"}`'],
  ['{"id":1,"error":{"class":"fatal","type":"T","message":"m"}}', 'expected `error` to be {"class": "timeout" | "closed" | "connect" | "other", "type": string, "message": string}, got `{"id":1,"error":{"class":"fatal","type":"T","message":"m"}}`'],
  ['{"id":1,"error":{"class":"other","message":"m"}}', 'expected `error` to be {"class": "timeout" | "closed" | "connect" | "other", "type": string, "message": string}, got `{"id":1,"error":{"class":"other","message":"m"}}`'],
  ['{"event":5}', 'expected `event` to name the event, got `5` (number) in `{"event":5}`'],
  ['{"event":"log"}', 'expected the `log` event\'s `message` to be a string, got `{"event":"log"}`'],
];

describe('a line of stdout', () => {
  it.each(messages)('%s is a message (%s), for the schema too', (line, kind) => {
    expect(parseMessage(line).kind).toBe(kind);
    expect(schemaProblems('stdoutMessage', JSON.parse(line))).toBe('');
  });

  it.each(faults)('%s is a fault, for the schema too', (line, problem) => {
    expect(parseMessage(line)).toEqual({ kind: 'bad', problem });
    let value: unknown = line;
    try {
      value = JSON.parse(line);
    } catch {
      // Not JSON: the schema sees a string, which is no message either.
    }
    expect(schemaProblems('stdoutMessage', value)).not.toBe('');
  });

  it('is quoted cut after 120 characters, saying how long it was', () => {
    const line = `oops ${'x'.repeat(1_995)}`;
    expect(parseMessage(line)).toEqual({ kind: 'bad', problem: `expected one JSON message per line on stdout, got \`${line.slice(0, 120)}…\` (2,000 characters): print anything else to stderr` });
  });
});

describe("a reply's ok value, by op", () => {
  const session = { pid: 48213, start: '2025-03-02T10:15:04.316472Z' };
  const cases: Array<[string, unknown, string | null]> = [
    ['create', { pool: 'p1' }, null],
    ['create', { pool: '' }, '{"pool": handle}'],
    ['acquire', { lease: 'l1', session }, null],
    ['acquire', { lease: 'l1', session: { pid: 7, start: null } }, null],
    ['acquire', { lease: 'l1' }, '{"lease": handle, "session": {"pid": integer, "start": "YYYY-MM-DDTHH:MM:SS.ffffffZ" | null}}'],
    ['acquire', { lease: 'l1', session: { pid: 7, start: '2025-03-02 10:15:04.316472+00' } }, '{"lease": handle, "session": {"pid": integer, "start": "YYYY-MM-DDTHH:MM:SS.ffffffZ" | null}}'],
    ['acquire', { lease: 'l1', session: { pid: 0, start: null } }, '{"lease": handle, "session": {"pid": integer, "start": "YYYY-MM-DDTHH:MM:SS.ffffffZ" | null}}'],
    ['release', {}, null],
    ['release', null, 'an object ({} when there is nothing to say)'],
    ['close', [], 'an object ({} when there is nothing to say)'],
  ];
  it.each(cases)('%s answered with %j', (op, ok, expected) => {
    expect(okProblem(op as 'create', ok)).toBe(expected);
    expect(schemaProblems(`${op}Ok`, ok) === '').toBe(expected === null);
  });
});
