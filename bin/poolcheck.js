#!/usr/bin/env node
// Runs the TypeScript sources directly (no build step) and lets users load adapters written in
// TypeScript or JavaScript.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
