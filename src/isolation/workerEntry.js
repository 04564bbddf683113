// The worker thread's first module: plain JavaScript, because a new thread starts without the
// TypeScript loader the command line registered for itself (bin/poolcheck.js); it registers tsx
// here, then loads the worker's TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./judgeWorker.ts');
