import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  // The version is inlined at build time (rolldown.config.mjs); the sources under test get the same value.
  define: { __SAFETY_SCAN_VERSION__: JSON.stringify(version) },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // vitest keeps one core for itself, which on two cores runs every file in turn; the process tests mostly
    // wait on their children (SIGKILL timing, the nightly script), so a worker per core finishes far sooner.
    maxWorkers: availableParallelism(),
    globalSetup: ['test/global-setup.ts'],
    // Property tests draw from a fixed seed: a run never depends on the clock, and a failure reproduces.
    setupFiles: ['test/setup.ts'],
  },
});
