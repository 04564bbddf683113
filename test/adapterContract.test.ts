// spec/adapter-contract.md's worked example is the reference adapter as it is: the real file
// compiles and passes every rule, so the page's copy of it stays correct only if it is the same.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';

const read = (path: string): string => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const from = (text: string): string => text.slice(text.indexOf('export const referenceAdapter'));

test('the worked example in spec/adapter-contract.md is adapters/reference/index.ts, but for its imports', () => {
  const page = read('spec/adapter-contract.md');
  const example = page.slice(page.indexOf('## Worked example'));
  const code = example.slice(example.indexOf('```ts\n') + 6, example.indexOf('\n```', example.indexOf('```ts\n')) + 1);
  expect(from(code)).toBe(from(read('adapters/reference/index.ts')));
  expect(code).toContain("from 'poolcheck'");
});
