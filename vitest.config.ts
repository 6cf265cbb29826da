import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * The end-to-end files that run a second time with SAFETY_SCAN_TEST_STORE=postgres (npm test's second pass): every
 * one that works on the demo zone through the CLI, which then is a zone of a shared PostgreSQL store
 * (test/global-setup.ts, useDemoZone). Files that open or damage the SQLite file itself are not among them.
 */
const SHARED_STORE_FILES = [
  'test/e2e/indicators.test.ts',
  'test/e2e/indicators-model.test.ts',
  'test/e2e/compare.test.ts',
  'test/e2e/check.test.ts',
  'test/e2e/profile.test.ts',
  'test/e2e/plan.test.ts',
  'test/e2e/plan-tables.test.ts',
  'test/e2e/report.test.ts',
  'test/e2e/level.test.ts',
  'test/e2e/language.test.ts',
  'test/e2e/table-output.test.ts',
  'test/e2e/goal-evidence.test.ts',
  'test/e2e/configured-texts.test.ts',
  'test/e2e/published-population.test.ts',
  'test/e2e/widths.test.ts',
  'test/report/feedback.test.ts',
];

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  // The version is inlined at build time (rolldown.config.mjs); the sources under test get the same value.
  define: { __SAFETY_SCAN_VERSION__: JSON.stringify(version) },
  test: {
    include: process.env.SAFETY_SCAN_TEST_STORE === 'postgres' ? SHARED_STORE_FILES : ['test/**/*.test.ts'],
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
