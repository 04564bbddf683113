// The channel to a process adapter (src/process/ProcessChannel.ts), against fake adapters:
// replies matched by id in any order, the adapter's own errors and events, and every fault as one
// line on the requests that wait, with stderr's tail below it. After each, no process is left.
import { writeFileSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { PoolConfig } from '../../src/adapter/Adapter.ts';
import { ProcessAdapterError } from '../../src/process/ProcessAdapterError.ts';
import { ProcessChannel, type ChannelOptions } from '../../src/process/ProcessChannel.ts';
import { ProcessChannelError } from '../../src/process/ProcessChannelError.ts';
import type { AdapterEvent } from '../../src/process/protocol.ts';
import type { Manifest } from '../../src/process/readManifest.ts';
import { fixtures, gone, manifestOf, numberAfter, rejection, removeManifests, tempFile } from './fakeAdapters.ts';

const config: PoolConfig = { size: 1, maxOverflow: 1, acquireTimeoutMs: null, idleTimeoutMs: null, min: 0 };
const database = (url = 'postgresql://127.0.0.1:5432/test') => ({ kind: 'postgres' as const, url });
const long = { deadlineMs: 10_000 };

const opened: ProcessChannel[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((channel) => channel.close()));
});
afterAll(removeManifests);

/** Starts fixtures/<script>, named by its file name without `.mjs`. */
async function start(script: string, options: ChannelOptions = {}, manifest: Manifest = manifestOf(script)): Promise<ProcessChannel> {
  const channel = await ProcessChannel.open(script.replace(/\.mjs$/, ''), manifest, options);
  opened.push(channel);
  return channel;
}

/** An inline script run by this node, for the faults that need no fixture file. */
const inline = (code: string): Manifest => ({ command: process.execPath, args: ['-e', code], cwd: fixtures, env: {} });

/** Waits until the adapter's stderr has a line starting with `prefix` (so that error messages quote it). */
async function stderrSays(channel: ProcessChannel, prefix: string): Promise<void> {
  for (let i = 0; i < 500 && !channel.stderrTail().some((line) => line.startsWith(prefix)); i++) await new Promise((r) => setTimeout(r, 10));
}

async function faultOf(promise: Promise<unknown>): Promise<ProcessChannelError> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(ProcessChannelError);
  return error as ProcessChannelError;
}

async function brokenOnItsOwn(channel: ProcessChannel): Promise<ProcessChannelError> {
  for (let i = 0; i < 500 && channel.fault === undefined; i++) await new Promise((r) => setTimeout(r, 10));
  return channel.fault!;
}

describe('a well-behaved adapter', () => {
  it('has its replies matched by id in any order, its errors carried with class and type, its events passed on', async () => {
    const events: AdapterEvent[] = [];
    const channel = await start('wellBehaved.mjs', { onEvent: (event) => events.push(event) });
    expect(await channel.request('hello', { protocol: 1 }, long)).toMatchObject({ protocol: 1, name: 'fake' });
    expect(await channel.request('create', { config, database: database() }, long)).toEqual({ pool: 'p1' });

    // The fake holds acquires until two wait, then answers the later one first.
    const order: string[] = [];
    const t1 = channel.request('acquire', { pool: 'p1', task: 't1' }, long).then((ok) => (order.push('t1'), ok));
    const t2 = channel.request('acquire', { pool: 'p1', task: 't2' }, long).then((ok) => (order.push('t2'), ok));
    expect(await Promise.all([t1, t2])).toEqual([
      { lease: 'l2', session: { pid: 1002, start: '2025-01-01T00:00:00.000002Z' } },
      { lease: 'l1', session: { pid: 1001, start: '2025-01-01T00:00:00.000001Z' } },
    ]);
    expect(order).toEqual(['t2', 't1']);

    expect(await channel.request('use', { lease: 'l2', sql: 'select 1' }, long)).toEqual({});
    const failed = await rejection(channel.request('use', { lease: 'l2', sql: 'fail now' }, long));
    expect(failed).toBeInstanceOf(ProcessAdapterError);
    expect(failed).toMatchObject({ errorClass: 'other', type: 'fake.QueryError', name: 'fake.QueryError', message: 'could not run fail now', op: 'use' });
    const timedOut = await rejection(channel.request('acquire', { pool: 'p1', task: 't3', timeoutMs: 5 }, long));
    expect(timedOut).toMatchObject({ errorClass: 'timeout', type: 'fake.PoolTimeout', message: 'no connection within 5 ms', op: 'acquire', requestId: 7 });

    expect(await channel.request('release', { pool: 'p1', lease: 'l2' }, long)).toEqual({});
    expect(await channel.request('destroy', { pool: 'p1', lease: 'l1' }, long)).toEqual({});
    expect(await channel.request('close', { pool: 'p1' }, long)).toEqual({});
    // `log`, and an event protocol 1 does not know: passed on, not a fault.
    expect(events).toEqual([
      { event: 'log', message: 'fake adapter ready' },
      { event: 'child-started', pid: 1 },
    ]);
    expect(channel.fault).toBeUndefined();

    const pid = channel.pid;
    await channel.close();
    expect(await gone(pid)).toBe(true);
    expect(channel.stderrTail()).toEqual([`pid ${pid}`]);
    expect(channel.fault).toBeUndefined();
    const late = await faultOf(channel.request('release', { pool: 'p1', lease: 'l2' }, long));
    expect(late.line).toBe('adapter wellBehaved: the channel is closed: `release` was not sent');
  });

  it('never quotes a secret it was told of: the adapter\'s error messages read *** instead', async () => {
    const channel = await start('wellBehaved.mjs');
    channel.redact('hunter22');
    const failed = await rejection(channel.request('use', { lease: 'l1', sql: 'fail with hunter22 in it' }, long));
    expect(failed.message).toBe('could not run fail with *** in it');
  });

  it('takes a deadline beyond what a timer holds as none, not as an instant one', async () => {
    const channel = await start('wellBehaved.mjs');
    expect(await channel.request('create', { config, database: database() }, { deadlineMs: Number.MAX_SAFE_INTEGER })).toEqual({ pool: 'p1' });
  });

  it('ends what the adapter started with it: the process group goes', async () => {
    const channel = await start('wellBehaved.mjs');
    await channel.request('create', { config, database: database('spawn-child') }, long);
    await stderrSays(channel, 'child ');
    const child = numberAfter('child', channel.stderrTail());
    expect(await gone(child, 0)).toBe(false);
    await channel.close();
    expect(await gone(channel.pid)).toBe(true);
    expect(await gone(child)).toBe(true);
  });
});

describe('faults: one line on every request that waits, the adapter stopped', () => {
  it('a line on stdout that is not JSON, quoted', async () => {
    const channel = await start('nonJsonLine.mjs');
    await stderrSays(channel, 'pid ');
    const error = await faultOf(channel.request('create', { config, database: database() }, long));
    expect(error.fault).toBe('malformed');
    expect(error.code).toBe('POOLCHECK_ADAPTER_CONTRACT');
    expect(error.line).toBe('adapter nonJsonLine: expected one JSON message per line on stdout, got `starting the pool...`: print anything else to stderr');
    expect(error.message).toBe(`${error.line}\nstderr (last 1 line):\n  pid ${channel.pid}`);
    await channel.close();
    expect(await gone(channel.pid)).toBe(true);
    // Later requests fail with the same fault, unsent.
    expect(await rejection(channel.request('close', { pool: 'p1' }, long))).toBe(error);
  });

  it('a reply to an id no request waits on', async () => {
    const channel = await start('unknownId.mjs');
    const error = await faultOf(channel.request('hello', { protocol: 1 }, long));
    expect(error.fault).toBe('unknown-id');
    expect(error.line).toBe('adapter unknownId: answered request 101, which is not waiting for a reply: `{"id":101,"ok":{}}`');
    await channel.close();
    expect(await gone(channel.pid)).toBe(true);
  });

  it('a reply of the wrong shape for its op', async () => {
    const channel = await start('wellBehaved.mjs');
    const error = await faultOf(channel.request('create', { config, database: database('bad-reply') }, long));
    expect(error.fault).toBe('malformed');
    expect(error.line).toBe('adapter wellBehaved: expected the reply to `create` (request 1) to be {"pool": handle}, got `{"id":1,"ok":{"handle":"p1"}}`');
    await channel.close();
    expect(await gone(channel.pid)).toBe(true);
  });

  it('a request the adapter refuses as not of the protocol', async () => {
    const channel = await start('wellBehaved.mjs');
    const error = await faultOf(channel.request('query', { pool: 'p1', sql: 'select 1' }, long));
    expect(error.fault).toBe('refused');
    expect(error.line).toBe('adapter wellBehaved: refused `query` (request 1) as not of the protocol: no query helper: the adapter does not declare `query`');
  });

  it('the process killed by a signal, naming every request that waited', async () => {
    const channel = await start('wellBehaved.mjs');
    await stderrSays(channel, 'pid ');
    const held = rejection(channel.request('acquire', { pool: 'p1', task: 't1' }, long));
    const error = await faultOf(channel.request('use', { lease: 'l1', sql: 'die' }, long));
    expect(await held).toBe(error);
    expect(error.fault).toBe('exited');
    expect(error.line).toBe('adapter wellBehaved: the process was killed by SIGKILL before answering `acquire` (request 1), `use` (request 2)');
    expect(error.stderrTail).toEqual([`pid ${channel.pid}`]);
  });

  it('the process exiting while nothing waits: the next request fails with it, stderr shown whole', async () => {
    const channel = await start('exitsAtStart.mjs');
    const error = await brokenOnItsOwn(channel);
    expect(error.line).toBe('adapter exitsAtStart: the process exited with code 1 before poolcheck said `bye`');
    expect(error.message.split('\n').slice(1)).toEqual([
      'stderr (last 5 lines):',
      `  pid ${channel.pid}`,
      '  Traceback (most recent call last):',
      '    File "/opt/adapters/sqlalchemy/adapter.py", line 4, in <module>',
      '      import sqlalchemy',
      "  ModuleNotFoundError: No module named 'sqlalchemy'",
    ]);
    expect(await rejection(channel.request('hello', { protocol: 1 }, long))).toBe(error);
  });

  it('keeps the last 50 lines of stderr', async () => {
    const channel = await start('chatty', {}, inline('for (let i = 1; i <= 60; i++) console.error(`line ${i}`); process.exit(3)'));
    const error = await brokenOnItsOwn(channel);
    expect(error.line).toBe('adapter chatty: the process exited with code 3 before poolcheck said `bye`');
    expect(error.stderrTail).toHaveLength(50);
    expect(error.stderrTail[0]).toBe('line 11');
    expect(error.stderrTail.at(-1)).toBe('line 60');
    expect(error.message.split('\n')[1]).toBe('stderr (last 50 lines):');
  });

  it('more than 1 MiB on stdout without a newline', async () => {
    const channel = await start('flood', {}, inline("process.stdout.write('x'.repeat(1_100_000)); process.stdin.resume()"));
    const error = await brokenOnItsOwn(channel);
    expect(error.line).toBe('adapter flood: sent more than 1 MiB on stdout without a newline: every message is one line, ended by \\n');
    await channel.close();
    expect(await gone(channel.pid)).toBe(true);
  });

  it('no reply by the deadline: every waiting request fails, and an adapter that ignores SIGTERM is killed', async () => {
    // Grace enough for the adapter to say it ignored SIGTERM before SIGKILL comes, on a busy machine.
    const channel = await start('neverAnswers.mjs', { graceMs: 1_000 });
    await stderrSays(channel, 'pid ');
    const other = rejection(channel.request('acquire', { pool: 'p1', task: 't1' }, long));
    const error = await faultOf(channel.request('create', { config, database: database() }, { deadlineMs: 200 }));
    expect(await other).toBe(error);
    expect(error.fault).toBe('deadline');
    expect(error.line).toBe('adapter neverAnswers: no reply to `create` (request 2) within 200 ms');
    expect(error.stderrTail).toEqual([`pid ${channel.pid}`]);
    await channel.close();
    expect(await gone(channel.pid)).toBe(true);
    expect(channel.stderrTail()).toContain('SIGTERM ignored');
  });

  it('poolcheck closing while requests wait: they fail as closed, and later ones are not sent', async () => {
    const channel = await start('neverAnswers.mjs', { graceMs: 200 });
    const waiting = faultOf(channel.request('create', { config, database: database() }, long));
    await channel.close();
    const error = await waiting;
    expect(error.fault).toBe('closed');
    expect(error.line).toBe('adapter neverAnswers: closed by poolcheck before `create` (request 1) was answered');
    expect((await faultOf(channel.request('close', { pool: 'p1' }, long))).line).toBe('adapter neverAnswers: the channel is closed: `close` was not sent');
    expect(await gone(channel.pid)).toBe(true);
  });
});

describe('a command that cannot be started: one line, no process', () => {
  it('a file that is not executable', async () => {
    const file = tempFile('not-executable.sh');
    writeFileSync(file, '#!/bin/sh\necho hello\n', { mode: 0o644 });
    const error = await faultOf(ProcessChannel.open('plain', { command: file, args: [], cwd: fixtures, env: {} }));
    expect(error.code).toBe('POOLCHECK_ADAPTER_NOT_FOUND');
    expect(error.message).toBe(`adapter plain: the command \`${file}\` cannot be run (EACCES): make it executable, or name its interpreter as \`command\` and the script in \`args\``);
  });

  it('an argument Node refuses before starting anything', async () => {
    const error = await faultOf(ProcessChannel.open('nul', { command: process.execPath, args: ['a\0b'], cwd: fixtures, env: {} }));
    expect(error.fault).toBe('spawn');
    expect(error.message).toMatch(/^adapter nul: the command `.+` could not be started: .*null bytes/);
  });
});
