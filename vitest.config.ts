import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Property runs judge hundreds of generated workloads per test.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
