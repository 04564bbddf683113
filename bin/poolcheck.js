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
process.exitCode = await main(process.argv.slice(2));
