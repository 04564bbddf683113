// Does a container runtime answer? Asked only on the way to a fallback, so it must be quick, must
// never throw, and must not leave anything behind. testcontainers' own detection
// (getContainerRuntimeClient: DOCKER_HOST, ~/.testcontainers.properties, the Docker sockets) has
// no timeout, and a runtime that accepts the connection but never replies keeps its request,
// and so our process, alive after we stop waiting. So:
// - first look for any of the things its strategies look for; none there (the usual case on a
//   machine without Docker) means no, at once, without loading testcontainers (about a second);
// - otherwise ask testcontainers in a worker thread, which is terminated, sockets and all, when
//   it answers or when `timeoutMillis` (loading included) runs out.
// testcontainers reads process.env itself (the worker shares it); `env` only decides whether to ask.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

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

// Plain CommonJS for the worker: it runs outside tsx and vitest, and testcontainers is CommonJS.
const askTestcontainers = `
const { parentPort, workerData } = require('node:worker_threads');
require(workerData).getContainerRuntimeClient().then(() => parentPort.postMessage(true), () => parentPort.postMessage(false));
`;

export async function containerRuntimeAnswers(env: NodeJS.ProcessEnv = process.env, timeoutMillis = 5_000): Promise<boolean> {
  if (!runtimeHints(env)) return false;
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve('testcontainers');
  } catch {
    return false; // not installed: no container path
  }
  const worker = new Worker(askTestcontainers, { eval: true, workerData: entry });
  try {
    return await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMillis);
      const settle = (answer: boolean) => (clearTimeout(timer), resolve(answer));
      worker.once('message', (answer: unknown) => settle(answer === true));
      worker.once('error', () => settle(false));
      worker.once('exit', () => settle(false));
    });
  } finally {
    await worker.terminate();
  }
}
