// Test-wide setup: fast-check draws from a fixed seed, so property tests are the same on every run.
import fc from 'fast-check';
import { scratchFolder } from './helpers/scratch.js';

fc.configureGlobal({ seed: 20261128 });
// Stores opened by tests without an environment of their own keep their pseudonymisation keys here, never in the real home.
process.env.XDG_CONFIG_HOME = scratchFolder('safety-scan-keys-');
