#!/usr/bin/env node
// The command. In a repository checkout it runs the TypeScript sources directly through tsx (a
// devDependency there: no build step while developing); the package ships no sources, only their
// build (dist/, compiled on `npm pack`), which plain Node runs. Deciding by the sources, not by
// dist/, means a dist/ left over from an `npm pack` in a checkout is never run stale.
import { existsSync } from 'node:fs';
import { URL } from 'node:url';

// Output piped into `head` and closed early is not an error of ours.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const sources = new URL('../src/cli/main.ts', import.meta.url);
let main;
if (existsSync(sources)) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import(sources.href));
} else {
  ({ main } = await import('../dist/src/cli/main.js'));
}
// Exit once judged: a pool under test may leave its own timers behind (an acquire it never
// settles, a reaper it never stops), and they must not keep the process alive. The empty writes
// call back once everything printed before them is flushed, so nothing is lost in a pipe.
const code = await main(process.argv.slice(2));
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
