// Builds the bundle once per test run, for the few tests that run the real process (bin, bundle, signals,
// the nightly recipe, the browser); every other test runs the CLI in-process from the sources.
import { buildBundle } from '../rolldown.config.mjs';

export default async function setup(): Promise<void> {
  await buildBundle();
}
