// The Python skeleton in spec/process-protocol.md's guide speaks the protocol as it stands: it
// answers hello with a greeting poolcheck accepts, turns an exception into an error reply with its
// qualified type, says goodbye and exits, and exits when its stdin ends (the guide's step 6
// check). It needs python3, which the project's machines have; without it these tests are skipped.
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { greet } from '../../src/process/greet.ts';
import { ProcessAdapterError } from '../../src/process/ProcessAdapterError.ts';
import { gone, rejection, removeManifests, tempFile } from './fakeAdapters.ts';
import { blockAfter } from './workedSession.ts';

const python = spawnSync('python3', ['--version']).status === 0;
afterAll(removeManifests);

describe.runIf(python)('the guide\'s Python skeleton', () => {
  const script = tempFile('adapter.py');
  writeFileSync(script, blockAfter('Write an adapter in a new language, step by step', 'python'));

  it('is greeted, reports what it does not do yet as errors, and says goodbye', async () => {
    const manifest = tempFile('skeleton.adapter.json');
    writeFileSync(manifest, JSON.stringify({ protocol: 1, command: 'python3', args: ['./adapter.py'] }));
    const { greeting, channel } = await greet(manifest);
    try {
      expect(greeting).toMatchObject({ protocol: 1, name: 'my-pool', runsOn: { model: false, live: 'postgres' } });
      const config = { size: 1, maxOverflow: 0, acquireTimeoutMs: null, idleTimeoutMs: null, min: 0 };
      const error = await rejection(channel.request('create', { config, database: { kind: 'postgres', url: 'postgresql://127.0.0.1/test' } }, { deadlineMs: 5_000 }));
      expect(error).toBeInstanceOf(ProcessAdapterError);
      expect(error).toMatchObject({ errorClass: 'other', type: 'builtins.NotImplementedError', message: 'create' });
    } finally {
      await channel.close();
    }
    expect(channel.fault).toBeUndefined();
    expect(channel.stderrTail()).toEqual([]);
    expect(await gone(channel.pid)).toBe(true);
  });

  it('prints its greeting as one line and exits 0 when its input ends', async () => {
    const child = spawn('python3', [script], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.stdin.end('{"id":1,"op":"hello","protocol":1}\n');
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0]!)).toMatchObject({ id: 1, ok: { name: 'my-pool' } });
  });
});
