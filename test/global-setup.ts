// Builds the bundle once per test run, for the few tests that run the real process (test/process/: the bin
// and the bundle, a closed pipe, concurrent imports and the lock, SIGKILL, the nightly recipe, the browser);
// every other test runs the CLI in-process from the sources (test/helpers/run-cli.ts).
// With SAFETY_SCAN_TEST_STORE=postgres (npm test's second pass, `npm run test:pg-e2e`) it also starts one throwaway
// PostgreSQL cluster, in which every demo zone a test file builds (useDemoZone) is a zone of a shared store.
import { chmodSync, rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { buildBundle } from '../rolldown.config.mjs';
import { scratchFolder } from './helpers/scratch.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser's URL to the run's throwaway cluster, when the demo zones live in PostgreSQL. */
    pgSuperuser: string | null;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Every folder a test makes (scratchFolder, test/helpers/scratch.ts) lands in one folder of this run, removed when the run ends:
  // thousands of test folders (keys, configurations, workdirs) were left in /tmp by every run. The workers are
  // started after this, so they inherit TMPDIR; the CLI processes tests start get their own environment.
  const scratch = scratchFolder('safety-scan-run-');
  // open to other users as /tmp is: PostgreSQL's initdb and the read-only tests run as another user inside it
  chmodSync(scratch, 0o755);
  process.env.TMPDIR = scratch;
  const removeScratch = () => rmSync(scratch, { recursive: true, force: true });
  await buildBundle();
  project.provide('pgSuperuser', null);
  if (process.env.SAFETY_SCAN_TEST_STORE !== 'postgres') return async () => removeScratch();
  const { PG_REQUIRED, postgresBinaries, startCluster } = await import('./support/postgres.js');
  if (!postgresBinaries() && !PG_REQUIRED) {
    console.warn('SAFETY_SCAN_TEST_STORE=postgres: no PostgreSQL binaries (install postgresql, or set SAFETY_SCAN_PG_BIN); the demo zones stay in SQLite');
    return async () => removeScratch();
  }
  const cluster = await startCluster();
  project.provide('pgSuperuser', cluster.url('postgres'));
  return async () => {
    await cluster.stop();
    removeScratch();
  };
}
