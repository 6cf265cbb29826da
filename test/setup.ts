// Test-wide setup: fast-check draws from a fixed seed, so property tests are the same on every run.
import fc from 'fast-check';

fc.configureGlobal({ seed: 20261128 });
