// The fast tests that kill mutants of src/checkers/ (npm run mutation): unit tests of each checker
// over small hand-written histories. The broken-pool self-test covers the checkers too, but at
// ~15 s a run it is far too slow to run once per mutant; it stays in `npm test`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/checkers/**/*.test.ts'],
    testTimeout: 5_000,
  },
});
