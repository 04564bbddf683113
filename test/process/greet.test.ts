// Starting a process adapter from its manifest and greeting it (src/process/greet.ts): a good
// greeting comes back with the open channel; every way it can go wrong is one line, with the
// contract's own messages for a bad descriptor, and by then no process is left.
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PoolcheckError } from '../../src/errors.ts';
import { greet } from '../../src/process/greet.ts';
import { ProcessChannelError } from '../../src/process/ProcessChannelError.ts';
import { gone, manifestFor, manifestWithPidFile, numberAfter, rejection, removeManifests } from './fakeAdapters.ts';

afterAll(removeManifests);

const config = { size: 1, maxOverflow: 0, acquireTimeoutMs: null, idleTimeoutMs: null, min: 0 };

async function refusal(path: string, options = {}): Promise<PoolcheckError> {
  const error = await rejection(greet(path, options));
  expect(error).toBeInstanceOf(PoolcheckError);
  return error as PoolcheckError;
}

describe('greet', () => {
  it('returns the greeting, checked, with the open channel', async () => {
    const path = manifestFor('wellBehaved.mjs');
    const { greeting, channel } = await greet(path);
    try {
      expect(greeting).toMatchObject({
        protocol: 1,
        name: 'fake',
        pool: { name: 'a fake pool', version: '0.0.1' },
        runsOn: { model: false, live: 'postgres' },
        notes: 'answers acquires in pairs, the later one first',
      });
      expect(greeting.capabilities.acquireTimeout).toEqual({ covers: 'whole-acquire', defaultMs: 30000 });
      expect(Object.keys(greeting.claims ?? {})).toEqual(['acquireTimeout', 'perAcquireTimeout']);
      expect(await channel.request('create', { config, database: { kind: 'postgres', url: 'postgresql://127.0.0.1/test' } }, { deadlineMs: 5_000 })).toEqual({ pool: 'p1' });
    } finally {
      await channel.close();
    }
    expect(await gone(channel.pid)).toBe(true);
  });
});

describe('greet refuses, in one line, and leaves no process', () => {
  const manifests = 'test/process/fixtures/manifests';

  it('a manifest that is not there', async () => {
    const path = `${manifests}/missing.adapter.json`;
    const error = await refusal(path);
    expect(error.code).toBe('POOLCHECK_ADAPTER_NOT_FOUND');
    expect(error.message).toBe(`adapter ${path}: no such file (${resolve(path)}): give the path of a <name>.adapter.json manifest`);
  });

  it('a command not found on PATH', async () => {
    const path = `${manifests}/noSuchCommand.adapter.json`;
    const error = await refusal(path);
    expect(error.code).toBe('POOLCHECK_ADAPTER_NOT_FOUND');
    expect(error.message).toBe(`adapter ${path}: the command \`poolcheck-no-such-command\` was not found on PATH: install it, or give its full path as \`command\` in the manifest`);
  });

  it('a command path that does not exist', async () => {
    const path = `${manifests}/noSuchPath.adapter.json`;
    const error = await refusal(path);
    expect(error.code).toBe('POOLCHECK_ADAPTER_NOT_FOUND');
    expect(error.message).toBe(`adapter ${path}: the command \`${resolve(manifests, 'no-such-interpreter')}\` does not exist: fix \`command\` in the manifest`);
  });

  it('a process that exits at start: its traceback shown whole under the line', async () => {
    const path = manifestFor('exitsAtStart.mjs');
    const error = await refusal(path);
    expect(error).toBeInstanceOf(ProcessChannelError);
    const { line, stderrTail } = error as ProcessChannelError;
    expect(error.code).toBe('POOLCHECK_ADAPTER_CONTRACT');
    expect(line).toBe(`adapter ${path}: the process exited with code 1 before answering \`hello\` (request 1)`);
    expect(stderrTail.slice(1)).toEqual([
      'Traceback (most recent call last):',
      '  File "/opt/adapters/sqlalchemy/adapter.py", line 4, in <module>',
      '    import sqlalchemy',
      "ModuleNotFoundError: No module named 'sqlalchemy'",
    ]);
    expect(error.message).toContain("\n  ModuleNotFoundError: No module named 'sqlalchemy'");
    expect(await gone(numberAfter('pid', stderrTail))).toBe(true);
  });

  it('an adapter that speaks protocol 2', async () => {
    const { path, pid } = manifestWithPidFile('protocol2.mjs');
    const error = await refusal(path);
    expect(error.code).toBe('POOLCHECK_ADAPTER_CONTRACT');
    expect(error.message).toBe(`adapter ${path}: speaks protocol 2, and this poolcheck speaks protocol 1: use a version of the adapter written for protocol 1`);
    expect(await gone(pid())).toBe(true);
  });

  it('an adapter that never answers hello (and ignores SIGTERM)', async () => {
    const path = manifestFor('neverAnswers.mjs');
    // Long enough for node to start and print its pid on a busy machine.
    const error = await refusal(path, { helloDeadlineMs: 1_500, graceMs: 200 });
    expect(error).toBeInstanceOf(ProcessChannelError);
    const { line, stderrTail } = error as ProcessChannelError;
    expect(line).toBe(`adapter ${path}: no answer to \`hello\` within 1.5 s: the adapter must answer it at start, one JSON line on stdout, flushed (spec/process-protocol.md)`);
    expect(await gone(numberAfter('pid', stderrTail))).toBe(true);
  });

  const greetings: Array<[string, string]> = [
    ['model', "expected `runsOn.model` to be false: a process adapter has no model form (poolcheck's in-memory backend cannot reach another process), got `true` (boolean)"],
    ['fifo', "expected `capabilities.fifo` to be null, 'every-caller' or 'when-full', got `sometimes` (string)"],
    ['claims', '`claims.fifo` gives a basis for a capability the adapter does not declare'],
    ['error', 'answered `hello` with an error: ImportError: cannot import name QueuePool'],
  ];
  it.each(greetings)('a greeting refused (%s), in the contract\'s words', async (variant, what) => {
    const { path, pid } = manifestWithPidFile('badGreeting.mjs', [variant]);
    const error = await refusal(path);
    expect(error.code).toBe('POOLCHECK_ADAPTER_CONTRACT');
    expect(error.message).toBe(`adapter ${path}: ${what}`);
    expect(await gone(pid())).toBe(true);
  });
});
