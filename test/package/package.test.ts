// The package as its users install it (package.json `files`, `exports`, `bin`; scripts/buildPackage.ts):
// the packed file list, the build imported from plain Node without any optional package on the
// model path, and a TypeScript project with common strict settings type-checking against the
// build's .d.ts. One build for the whole file: `npm pack --dry-run` runs prepack, which compiles
// dist/ as `npm pack` and `npm publish` do. Nothing here asks the registry.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { peerDependencies: Record<string, string> };
/** The packages a package user may leave out: the judged pools, live mode's drivers, tsx, vitest. */
const optionalPeers = Object.keys(manifest.peerDependencies);

let files: string[] = [];
let consumer = '';

beforeAll(async () => {
  const { stdout } = await run('npm', ['pack', '--dry-run', '--json'], { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 });
  files = (JSON.parse(stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
  // A project that installed the package: node_modules/poolcheck is this repository, whose
  // `exports` point into the build.
  consumer = mkdtempSync(join(tmpdir(), 'poolcheck-consumer-'));
  mkdirSync(join(consumer, 'node_modules/@types'), { recursive: true });
  symlinkSync(repoRoot, join(consumer, 'node_modules/poolcheck'), 'dir');
  symlinkSync(dirname(createRequire(import.meta.url).resolve('@types/node/package.json')), join(consumer, 'node_modules/@types/node'), 'dir');
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
}, 180_000);

afterAll(() => {
  if (consumer) rmSync(consumer, { recursive: true, force: true });
});

describe('the packed file list (npm pack --dry-run)', () => {
  it('has the built entry points, the bin, the LICENSE and the process adapters', () => {
    for (const file of ['dist/src/index.js', 'dist/src/index.d.ts', 'dist/suites/vitest.js', 'dist/suites/vitest.d.ts', 'dist/src/cli/main.js', 'dist/src/isolation/workerEntry.js', 'dist/spec/rules.json', 'bin/poolcheck.js', 'LICENSE', 'README.md', 'package.json']) {
      expect(files, file).toContain(file);
    }
    for (const file of ['adapters/python/poolcheck_adapter.py', 'adapters/sqlalchemy/adapter.py', 'adapters/sqlalchemy/queuepool.adapter.json', 'adapters/psycopg-pool/psycopg-pool.adapter.json']) {
      expect(files, file).toContain(file);
    }
  });

  it('has no tests, benchmarks, CI scripts, sources, tarballs or Python caches', () => {
    const unwanted = files.filter((f) => /^(test|bench|\.ci|scripts|src|suites|results|reports|node_modules)\//.test(f) || /\.tgz$|\.pyc$|__pycache__|(^|\/)tsconfig/.test(f) || (f.endsWith('.ts') && !f.endsWith('.d.ts')));
    expect(unwanted).toEqual([]);
  });
});

describe('the build from plain Node', () => {
  it('imports both entry points and judges an adapter in model mode without loading any optional package', async () => {
    const log = join(consumer, 'bare-imports.log');
    // A resolve hook that writes down every package the process imports.
    const hook = `data:text/javascript,${encodeURIComponent(`
      import { appendFileSync } from 'node:fs';
      export async function resolve(specifier, context, next) {
        if (!/^(node:|data:|file:|\\.|\\/)/.test(specifier)) appendFileSync(${JSON.stringify(log)}, specifier + '\\n');
        return next(specifier, context);
      }`)}`;
    const script = `
      import { register } from 'node:module';
      register(${JSON.stringify(hook)});
      const main = await import('poolcheck');
      const loaded = await main.loadAdapter('reference');
      const options = main.resolveRunOptions({ seed: 1, rules: 'EXCL-1,LEAK-1', numRuns: 5 });
      const report = await main.judgeAdapter(loaded, options);
      console.log(JSON.stringify({ keys: Object.keys(main), statuses: report.verdicts.map((v) => v.status), version: loaded.adapter.pool.version }));
    `;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: consumer });
    const result = JSON.parse(stdout) as { keys: string[]; statuses: string[] };
    expect(result.keys).toEqual(expect.arrayContaining(['loadAdapter', 'judgeAdapter', 'validateAdapter', 'rules', 'PoolcheckError']));
    expect(result.statuses).toEqual(['passed', 'passed']);
    const imported = new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean).map((s) => s.split('/').slice(0, s.startsWith('@') ? 2 : 1).join('/')));
    expect([...imported].filter((name) => optionalPeers.includes(name))).toEqual([]);
    const vitestEntry = await run(process.execPath, ['--input-type=module', '-e', "const m = await import('poolcheck/vitest'); console.log(Object.keys(m).sort().join(','))"], { cwd: consumer });
    expect(vitestEntry.stdout.trim()).toBe('assertRule,describePool');
  }, 60_000);

  // What bin/poolcheck.js runs in an installed package (it has no src/): the build's command line,
  // whose --version reads package.json from the package's root, two levels above dist/src/cli/.
  it("runs the build's command line: --version", async () => {
    const main = join(repoRoot, 'dist/src/cli/main.js');
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', `const { main } = await import(${JSON.stringify(main)}); process.exitCode = await main(['--version']);`], { cwd: consumer });
    expect(stdout.trim()).toBe((JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version);
  });

  it('type-checks a TypeScript project (strict, NodeNext, exactOptionalPropertyTypes, skipLibCheck false) against the .d.ts', async () => {
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, exactOptionalPropertyTypes: true, skipLibCheck: false, noEmit: true, types: ['node'] },
        files: ['my-pool.adapter.ts'],
      }),
    );
    writeFileSync(
      join(consumer, 'my-pool.adapter.ts'),
      `import { judgeAdapter, loadAdapter, resolveRunOptions, validateAdapter, type Adapter, type AdapterReport, type Connection } from 'poolcheck';
import { assertRule, describePool, type PoolSuiteOptions } from 'poolcheck/vitest';

interface Pool { readonly idle: Connection[] }
export const adapter: Adapter<Pool, Connection> = {
  contract: 2,
  name: 'mine',
  pool: { name: 'mine', version: '1' },
  capabilities: { acquireTimeout: null, perAcquireTimeout: false, fifo: null, retention: null, min: false, query: false, validation: false, fork: null, connectRetryMs: 0, wakeUpSlackMs: 0 },
  create: () => ({ idle: [] }),
  acquire: async (pool) => pool.idle.pop()!,
  connection: (conn) => conn,
  release: (pool, conn) => void pool.idle.push(conn),
  destroy: (_pool, conn) => conn.close(),
  close: async () => undefined,
  classifyError: () => 'other',
};
validateAdapter('mine', adapter);
const options: PoolSuiteOptions = { seed: 1, profile: 'quick' };
export const suite = (): void => describePool(adapter, options);
export const one = (): Promise<unknown> => assertRule(adapter, 'EXCL-1', options);
export const report = async (): Promise<AdapterReport> => judgeAdapter(await loadAdapter('./my-pool.adapter.js'), resolveRunOptions({ seed: 1 }));
`,
    );
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const checked = await run(process.execPath, [tsc, '-p', consumer], { cwd: consumer }).catch((error: { stdout: string }) => error);
    expect(checked.stdout).toBe('');
  }, 120_000);
});
