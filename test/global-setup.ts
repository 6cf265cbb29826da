// Builds the bundle once per test run, for the few tests that run the real process (test/process/: the bin
// and the bundle, a closed pipe, concurrent imports and the lock, SIGKILL, the nightly recipe, the browser);
// every other test runs the CLI in-process from the sources (test/helpers/run-cli.ts).
import { buildBundle } from '../rolldown.config.mjs';

export default async function setup(): Promise<void> {
  await buildBundle();
}
