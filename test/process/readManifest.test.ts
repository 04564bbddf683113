// A process adapter's manifest (src/process/readManifest.ts): what a good one becomes (paths from
// the manifest's directory), and each mistake as one line naming the file, what is wrong and how
// to fix it, never quoting a value of `env`. The schema's `manifest` agrees on which are good.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PoolcheckError } from '../../src/errors.ts';
import { readManifest } from '../../src/process/readManifest.ts';
import { schemaProblems } from './protocolSchema.ts';

const dir = 'test/process/fixtures/manifests';
const at = (name: string): string => `${dir}/${name}.adapter.json`;
const here = resolve(dir);

function refusal(name: string): PoolcheckError {
  try {
    readManifest(at(name));
  } catch (error) {
    expect(error).toBeInstanceOf(PoolcheckError);
    expect((error as Error).message).not.toContain('\n');
    return error as PoolcheckError;
  }
  throw new Error(`expected ${at(name)} to be refused`);
}

describe('a good manifest', () => {
  it('starts `command` from PATH, with ./ and ../ arguments made absolute from the manifest\'s directory', () => {
    expect(readManifest(at('good'))).toEqual({
      command: 'python3',
      args: [`${here}/adapter.py`, 'queuepool', resolve(here, '../shared/settings.toml')],
      cwd: here,
      env: { PYTHONUNBUFFERED: '1' },
    });
  });

  it('may give only protocol and command; a command with a / is a path from the manifest\'s directory', () => {
    expect(readManifest(at('minimal'))).toEqual({ command: `${here}/venv/bin/python`, args: [], cwd: here, env: {} });
  });

  it('starts in `cwd`, relative to the manifest\'s directory', () => {
    expect(readManifest(at('parentCwd')).cwd).toBe(resolve(here, '..'));
  });
});

describe('a manifest refused', () => {
  const cases: Array<[string, string, string]> = [
    ['missing', 'POOLCHECK_ADAPTER_NOT_FOUND', `no such file (${here}/missing.adapter.json): give the path of a <name>.adapter.json manifest`],
    ['notJson', 'POOLCHECK_ADAPTER_CONTRACT', 'the manifest is not valid JSON (line 5, column 3): it must be one JSON object (spec/process-protocol.md, The manifest)'],
    ['array', 'POOLCHECK_ADAPTER_CONTRACT', 'expected the manifest to be a JSON object, got an array'],
    ['noProtocol', 'POOLCHECK_ADAPTER_CONTRACT', 'expected `"protocol": 1` in the manifest (the protocol version the adapter speaks), got undefined'],
    ['protocol2', 'POOLCHECK_ADAPTER_CONTRACT', 'the manifest is for protocol 2, and this poolcheck speaks protocol 1: use a version of the adapter written for protocol 1'],
    ['unknownKey', 'POOLCHECK_ADAPTER_CONTRACT', 'unknown key `arg` in the manifest (expected protocol, command, commandEnv, args, cwd, env, unavailable, name)'],
    ['noCommand', 'POOLCHECK_ADAPTER_CONTRACT', 'expected `command` to be the program to run (a name looked up on PATH, or a path), got undefined'],
    ['badArgs', 'POOLCHECK_ADAPTER_CONTRACT', 'expected `args` to be an array of strings, got `adapter.py` (string)'],
    ['badEnv', 'POOLCHECK_ADAPTER_CONTRACT', 'expected `env.PGPASSWORD` to be a string, got a number'],
    ['missingCwd', 'POOLCHECK_ADAPTER_NOT_FOUND', `\`cwd\` is ${here}/no-such-dir, which is not a directory: fix \`cwd\` in the manifest (it is relative to the manifest's directory)`],
  ];
  it.each(cases)('%s: %s', (name, code, what) => {
    const error = refusal(name);
    expect(error.code).toBe(code);
    expect(error.message).toBe(`adapter ${at(name)}: ${what}`);
  });

  it('is a directory', () => {
    expect(() => readManifest(dir)).toThrow(new PoolcheckError('POOLCHECK_ADAPTER_NOT_FOUND', `adapter ${dir}: ${here} is a directory: give the path of a <name>.adapter.json manifest`));
  });

  it('never quotes a value of `env`, not even from a manifest that is not JSON', () => {
    expect(refusal('notJson').message).not.toContain('s3cret-pass');
    expect(refusal('badEnv').message).not.toContain('12345678');
  });
});

describe('the schema and readManifest', () => {
  const files = ['good', 'minimal', 'parentCwd', 'noSuchCommand', 'noSuchPath', 'array', 'noProtocol', 'protocol2', 'unknownKey', 'noCommand', 'badArgs', 'badEnv'];
  it.each(files)('agree on %s', (name) => {
    const value: unknown = JSON.parse(readFileSync(at(name), 'utf8'));
    let read = true;
    try {
      readManifest(at(name));
    } catch {
      read = false;
    }
    expect(schemaProblems('manifest', value) === '', schemaProblems('manifest', value)).toBe(read);
  });
});
