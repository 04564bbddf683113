// Runs the CLI as a user would, `node bin/poolcheck.js ...` from the repository root, and
// collects what it printed and how it exited. Asynchronous, so independent runs can overlap.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `env` replaces the child's whole environment (default: this one's, with NO_COLOR). */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/poolcheck.js', ...args], {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The arguments of a printed `replay: npx poolcheck run ...` command, for `runCli`. */
export function replayArgs(command: string): string[] {
  const prefix = 'npx poolcheck ';
  if (!command.startsWith(prefix)) throw new Error(`not a replay command: ${command}`);
  const rest = command.slice(prefix.length);
  // Replay commands quote only arguments with unusual characters; the fixtures have none.
  if (/['"\\]/.test(rest)) throw new Error(`replay command needs a shell to split: ${command}`);
  return rest.split(/\s+/);
}
