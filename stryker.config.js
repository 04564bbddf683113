// npm run mutation: StrykerJS mutates every checker and the shared readings they build on
// (src/checkers/**), and the fast unit tests in test/checkers/ must kill the mutants
// (vitest.mutation.config.js). spec/mutation.md holds the score and explains each survivor.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  // related: false: the test files import the checkers directly, every one is cheap to run.
  vitest: { configFile: 'vitest.mutation.config.js', related: false },
  // Violation.ts holds only types.
  mutate: ['src/checkers/**/*.ts', '!src/checkers/Violation.ts'],
  coverageAnalysis: 'perTest',
  // Two cores, shared: one test runner leaves the other core to the rest of the machine.
  concurrency: 1,
  timeoutMS: 10_000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  clearTextReporter: { allowColor: false, allowEmojis: false, logTests: false, reportMutants: true, reportScoreTable: true },
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: 'reports/mutation/.stryker-tmp',
  thresholds: { high: 95, low: 90, break: null },
};
