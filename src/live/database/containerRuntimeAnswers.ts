// Does a container runtime answer? Asked only on the way to a fallback, so it must be quick and
// must never throw. testcontainers' own detection (getContainerRuntimeClient: DOCKER_HOST,
// ~/.testcontainers.properties, the Docker sockets) has no timeout, and loading testcontainers
// costs about a second; so first look for any of the things its strategies look for, and only
// when one is there ask testcontainers, bounded by `timeoutMillis`.
// testcontainers reads process.env itself; `env` here only decides whether to ask it.
import { existsSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import type * as Testcontainers from 'testcontainers';
import { nodeImport, type ModuleLoader } from './importModule.ts';

function runtimeHints(env: NodeJS.ProcessEnv): boolean {
  if (process.platform === 'win32') return true; // the named pipe cannot be checked cheaply
  if (env['DOCKER_HOST']) return true;
  const home = homedir();
  const candidates = [
    join(home, '.testcontainers.properties'),
    '/var/run/docker.sock',
    env['XDG_RUNTIME_DIR'] ? join(env['XDG_RUNTIME_DIR'], 'docker.sock') : undefined,
    join(home, '.docker', 'run', 'docker.sock'),
    join(home, '.docker', 'desktop', 'docker.sock'),
    join('/run', 'user', String(userInfo().uid), 'docker.sock'),
  ];
  return candidates.some((path) => path !== undefined && existsSync(path));
}

export async function containerRuntimeAnswers(
  env: NodeJS.ProcessEnv = process.env,
  timeoutMillis = 3_000,
  load: ModuleLoader = nodeImport,
): Promise<boolean> {
  if (!runtimeHints(env)) return false;
  let timer: NodeJS.Timeout | undefined;
  try {
    const { getContainerRuntimeClient } = (await load('testcontainers')) as typeof Testcontainers;
    const gaveUp = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMillis)));
    return await Promise.race([getContainerRuntimeClient().then(() => true), gaveUp]);
  } catch {
    return false; // not installed, or no strategy worked
  } finally {
    clearTimeout(timer);
  }
}
