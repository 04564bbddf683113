// The worker thread's first module: plain JavaScript, because a new thread starts without the
// TypeScript loader its parent registered. From the sources (a repository checkout) it registers
// tsx, a devDependency there, and loads the worker's TypeScript. From the package's build (dist/)
// the worker is JavaScript already, and tsx, optional, is registered where the user's project has
// it, for an adapter written in TypeScript (the main thread has checked it can be loaded:
// src/adapter/typeScriptLoader.ts).
import { existsSync } from 'node:fs';
import { URL } from 'node:url';

const built = new URL('./judgeWorker.js', import.meta.url);
const fromBuild = existsSync(built);
try {
  (await import('tsx/esm/api')).register();
} catch (error) {
  if (!fromBuild) throw error;
}
await import(fromBuild ? built.href : new URL('./judgeWorker.ts', import.meta.url).href);
