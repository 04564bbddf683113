// A process adapter's manifest (`<name>.adapter.json`, spec/process-protocol.md): which program
// poolcheck starts, with which arguments, where and with what environment. It is read and checked
// before anything starts, so a mistake in it is one line naming the file, what is wrong and how
// to fix it. The values of `env` are never quoted: they may hold passwords.
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { describeValue, PoolcheckError } from '../errors.ts';
import { PROTOCOL_VERSION } from './protocol.ts';

export interface Manifest {
  /** A bare name, looked up on PATH; else an absolute path. */
  readonly command: string;
  /** As written, but for `./` and `../` paths, made absolute from the manifest's directory. */
  readonly args: readonly string[];
  /** Absolute: the manifest's directory, or `cwd` resolved from it. */
  readonly cwd: string;
  /** Added to poolcheck's own environment for the adapter. */
  readonly env: Readonly<Record<string, string>>;
  /** The environment variable that chose `command`, when it did (`commandEnv`). */
  readonly commandFrom?: string;
  /**
   * How to make the adapter available: when its command is not found, or it answers `hello` with
   * `poolcheck.unavailable`, the adapter is reported skipped with this line instead of refused.
   */
  readonly unavailable?: string;
  /** How reports name the adapter when it cannot start (its greeting names it otherwise). */
  readonly name?: string;
}

const KEYS = ['$schema', 'protocol', 'command', 'commandEnv', 'args', 'cwd', 'env', 'unavailable', 'name'];

export function readManifest(path: string): Manifest {
  const who = `adapter ${path}`;
  const notFound = (what: string): never => {
    throw new PoolcheckError('POOLCHECK_ADAPTER_NOT_FOUND', `${who}: ${what}`);
  };
  const wrong = (what: string): never => {
    throw new PoolcheckError('POOLCHECK_ADAPTER_CONTRACT', `${who}: ${what}`);
  };
  const file = resolve(path);
  const text = readText(file, notFound);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return wrong(`the manifest is not valid JSON${whereIn(text, error)}: it must be one JSON object (spec/process-protocol.md, The manifest)`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return wrong(`expected the manifest to be a JSON object, got ${describeValue(value)}`);
  const m = value as Record<string, unknown>;
  if (typeof m.protocol === 'number' && m.protocol !== PROTOCOL_VERSION) {
    wrong(`the manifest is for protocol ${m.protocol}, and this poolcheck speaks protocol ${PROTOCOL_VERSION}: use a version of the adapter written for protocol ${PROTOCOL_VERSION}`);
  }
  if (m.protocol !== PROTOCOL_VERSION) wrong(`expected \`"protocol": ${PROTOCOL_VERSION}\` in the manifest (the protocol version the adapter speaks), got ${describeValue(m.protocol)}`);
  const unknown = Object.keys(m).find((key) => !KEYS.includes(key));
  if (unknown !== undefined) wrong(`unknown key \`${unknown}\` in the manifest (expected ${KEYS.slice(1).join(', ')})`);
  for (const key of ['commandEnv', 'unavailable', 'name'] as const) {
    if (m[key] !== undefined && (typeof m[key] !== 'string' || m[key] === '')) wrong(`expected \`${key}\` to be a non-empty string, got ${describeValue(m[key])}`);
  }
  if (typeof m.command !== 'string' || m.command === '') wrong(`expected \`command\` to be the program to run (a name looked up on PATH, or a path), got ${describeValue(m.command)}`);
  const args = m.args ?? [];
  if (!Array.isArray(args)) return wrong(`expected \`args\` to be an array of strings, got ${describeValue(args)}`);
  args.forEach((arg, i) => typeof arg === 'string' || wrong(`expected \`args[${i}]\` to be a string, got ${describeValue(arg)}`));
  if (m.cwd !== undefined && (typeof m.cwd !== 'string' || m.cwd === '')) wrong(`expected \`cwd\` to be a directory, relative to the manifest's, got ${describeValue(m.cwd)}`);
  const env = m.env ?? {};
  if (typeof env !== 'object' || env === null || Array.isArray(env)) return wrong(`expected \`env\` to be an object of strings, got ${describeValue(env)}`);
  for (const [key, v] of Object.entries(env)) {
    if (key === '' || key.includes('=') || key.includes('\0')) wrong(`\`env\` has a key that cannot name an environment variable: ${JSON.stringify(key)}`);
    // Never the value: it may be a password.
    if (typeof v !== 'string') wrong(`expected \`env.${key}\` to be a string, got ${v === null ? 'null' : Array.isArray(v) ? 'an array' : `a ${typeof v}`}`);
  }
  const base = dirname(file);
  const cwd = resolve(base, (m.cwd as string | undefined) ?? '.');
  if (!isDirectory(cwd)) notFound(`\`cwd\` is ${cwd}, which is not a directory: fix \`cwd\` in the manifest (it is relative to the manifest's directory)`);
  // An interpreter of the user's choosing (POOLCHECK_PYTHON: a virtualenv's python) replaces the default.
  const chosen = typeof m.commandEnv === 'string' ? process.env[m.commandEnv] : undefined;
  const command = chosen !== undefined && chosen !== '' ? chosen : (m.command as string);
  return {
    ...(chosen !== undefined && chosen !== '' ? { commandFrom: m.commandEnv as string } : {}),
    ...(typeof m.unavailable === 'string' ? { unavailable: m.unavailable } : {}),
    ...(typeof m.name === 'string' ? { name: m.name } : {}),
    command: command.includes('/') && !isAbsolute(command) ? resolve(base, command) : command,
    args: (args as string[]).map((arg) => (arg.startsWith('./') || arg.startsWith('../') ? resolve(base, arg) : arg)),
    cwd,
    env: { ...(env as Record<string, string>) },
  };
}

function readText(file: string, notFound: (what: string) => never): string {
  if (isDirectory(file)) return notFound(`${file} is a directory: give the path of a <name>.adapter.json manifest`);
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return notFound(`no such file (${file}): give the path of a <name>.adapter.json manifest`);
    return notFound(`the manifest cannot be read (${code ?? String(error)}): check its permissions`);
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * ` (line L, column C)` where the parser says where it stopped, else nothing. The parser's own
 * message is not quoted: it can repeat the text, and the text can hold a password.
 */
function whereIn(text: string, error: unknown): string {
  const at = /at position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
  if (at === undefined) return '';
  const before = text.slice(0, Number(at)).split('\n');
  return ` (line ${before.length}, column ${before.at(-1)!.length + 1})`;
}
