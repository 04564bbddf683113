// A process adapter never outlives poolcheck: the channel is registered with the cleanup registry,
// so the adapter is stopped when poolcheck exits with it still open, when it forgets close(), and
// when it is interrupted. Each case runs poolcheck's side in a child node of its own.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixtures, gone } from './fakeAdapters.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

interface Parent {
  readonly adapterPid: number;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly kill: (signal: NodeJS.Signals) => void;
  readonly stderr: () => string;
}

/** Starts a node that opens a channel to fixtures/<fixture>.mjs, prints its pid, then runs `ending`. */
async function parent(fixture: string, ending: string): Promise<Parent> {
  const script = [
    "const { ProcessChannel } = await import('./src/process/ProcessChannel.ts');",
    `const manifest = { command: process.execPath, args: [${JSON.stringify(join(fixtures, `${fixture}.mjs`))}], cwd: process.cwd(), env: {} };`,
    `const channel = await ProcessChannel.open('${fixture}', manifest);`,
    "console.log('adapter ' + channel.pid);",
    ending,
  ].join('\n');
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const adapterPid = await new Promise<number>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      out += s;
      const m = /adapter (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    void exited.then(({ code }) => reject(new Error(`exited ${code} before it opened the channel: ${out}${err}`)));
  });
  return { adapterPid, exited, kill: (signal) => child.kill(signal), stderr: () => err };
}

describe('the adapter does not outlive poolcheck', () => {
  it('when poolcheck exits with the channel open: killed on the way out, SIGKILL for one that ignores SIGTERM', async () => {
    const p = await parent('neverAnswers', 'process.exit(0);');
    expect(await p.exited, p.stderr()).toEqual({ code: 0, signal: null });
    expect(await gone(p.adapterPid)).toBe(true);
  });

  it('when poolcheck forgets close(): said bye to once nothing else is left to do', async () => {
    const p = await parent('wellBehaved', '');
    expect(await p.exited, p.stderr()).toEqual({ code: 0, signal: null });
    expect(await gone(p.adapterPid)).toBe(true);
  });

  it('when poolcheck is interrupted: stopped, and poolcheck dies of the signal', async () => {
    const p = await parent('wellBehaved', 'setInterval(() => {}, 1000);');
    expect(await gone(p.adapterPid, 0)).toBe(false);
    p.kill('SIGTERM');
    expect(await p.exited, p.stderr()).toEqual({ code: null, signal: 'SIGTERM' });
    expect(await gone(p.adapterPid)).toBe(true);
  });
});
