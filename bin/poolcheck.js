#!/usr/bin/env node
// Runs the TypeScript sources directly (no build step) and lets users load adapters written in
// TypeScript or JavaScript.
import { register } from 'tsx/esm/api';

// Output piped into `head` and closed early is not an error of ours.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

register();
const { main } = await import('../src/cli/main.ts');
// Exit once judged: a pool under test may leave its own timers behind (an acquire it never
// settles, a reaper it never stops), and they must not keep the process alive. The empty writes
// call back once everything printed before them is flushed, so nothing is lost in a pipe.
const code = await main(process.argv.slice(2));
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
