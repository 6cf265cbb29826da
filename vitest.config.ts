import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Property tests draw from a fixed seed: a run never depends on the clock, and a failure reproduces.
    setupFiles: ['test/setup.ts'],
  },
});
