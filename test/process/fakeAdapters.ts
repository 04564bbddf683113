// The fake process adapters of fixtures/, started as poolcheck starts a real one: from a manifest
// (or the Manifest read from one), run by this very node (process.execPath), so that no PATH
// lookup or installed interpreter is involved.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAlive } from '../../src/live/database/stopProcessNow.ts';
import type { Manifest } from '../../src/process/readManifest.ts';

export const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

let dir: string | undefined;
let written = 0;

/** What readManifest gives for a manifest that runs fixtures/<script> with `args`. */
export function manifestOf(script: string, args: readonly string[] = []): Manifest {
  return { command: process.execPath, args: [join(fixtures, script), ...args], cwd: fixtures, env: {} };
}

const tempDir = (): string => (dir ??= mkdtempSync(join(tmpdir(), 'poolcheck-process-test-')));

/** A path in the temporary directory the manifests are written to (removed with them). */
export const tempFile = (name: string): string => join(tempDir(), name);

/** A manifest file, in a temporary directory, that runs fixtures/<script> with `args` and `env`. */
export function manifestFor(script: string, args: readonly string[] = [], env: Record<string, string> = {}): string {
  const path = join(tempDir(), `${script.replace(/\.mjs$/, '')}-${++written}.adapter.json`);
  writeFileSync(path, JSON.stringify({ protocol: 1, command: process.execPath, args: [join(fixtures, script), ...args], env }));
  return path;
}

/**
 * A manifest that runs fixtures/<script> (one built on speak.mjs) with `args`, and how to read
 * the pid it writes at start: for the refusals whose messages carry no stderr.
 */
export function manifestWithPidFile(script: string, args: readonly string[] = []): { path: string; pid: () => number } {
  const pidFile = join(tempDir(), `pid-${written + 1}`);
  return { path: manifestFor(script, args, { POOLCHECK_TEST_PID_FILE: pidFile }), pid: () => Number(readFileSync(pidFile, 'utf8')) };
}

export function removeManifests(): void {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
}

/** What `promise` rejects with; a test failure if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error as Error,
  );
}

/** The number a fake adapter printed on stderr after `word` (`pid 1234`, `child 1235`). */
export function numberAfter(word: string, tail: readonly string[]): number {
  const line = tail.find((l) => l.startsWith(`${word} `));
  if (line === undefined) throw new Error(`no \`${word} N\` line in the stderr tail: ${JSON.stringify(tail)}`);
  return Number(line.slice(word.length + 1));
}

/** Whether the process has ended (a zombie counts as ended), waiting up to `ms` for it. */
export async function gone(pid: number, ms = 2_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}
