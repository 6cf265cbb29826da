// The configuration error a piece of code throws, for tests that look at its words, key and line.
import { ConfigError } from '../../src/errors.js';

export function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}
