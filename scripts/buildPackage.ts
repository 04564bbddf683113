// Compiles poolcheck for its package: the TypeScript sources (src/, suites/, adapters/) to
// JavaScript and .d.ts under one directory (dist/ for `npm pack`; a temporary one in
// test/package/), as tsconfig.build.json says. What tsc does not do is done here:
// - the worker thread's entry (src/isolation/workerEntry.js) is JavaScript already: copied as is;
// - tsc rewrites the sources' `.ts` import specifiers to `.js` in the JavaScript it emits
//   (rewriteRelativeImportExtensions) but leaves them `.ts` in the declarations, which a user's
//   type check then rejects (TS5097 without allowImportingTsExtensions) or cannot resolve: they
//   are rewritten here.
import { spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

/** `from './x.ts'`, `import('../y.ts')`: relative specifiers ending in .ts (and .mts, .cts). */
const RELATIVE_TS = /((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]*?)\.([mc]?)ts(['"])/g;

function* declarations(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* declarations(path);
    else if (entry.name.endsWith('.d.ts')) yield path;
  }
}

/** Builds into `outDir` (absolute, or relative to the repository); throws with tsc's output when it fails. */
export function buildPackage(outDir: string): void {
  const out = resolve(root, outDir);
  rmSync(out, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const compiled = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', out], { cwd: root, encoding: 'utf8' });
  if (compiled.status !== 0) throw new Error(`tsc -p tsconfig.build.json failed:\n${compiled.stdout}${compiled.stderr}`);
  copyFileSync(join(root, 'src/isolation/workerEntry.js'), join(out, 'src/isolation/workerEntry.js'));
  for (const file of declarations(out)) {
    const text = readFileSync(file, 'utf8');
    const rewritten = text.replace(RELATIVE_TS, (_all, head: string, path: string, flavour: string, quote: string) => `${head}${path}.${flavour}js${quote}`);
    if (rewritten !== text) writeFileSync(file, rewritten);
  }
}
