// The configuration: built-in defaults agree with the schema's, and files are validated with lines.
import { describe, expect, it } from 'vitest';
import { parseYaml, validateYaml } from '../../src/config/yaml.js';
import { configSchema, schemaDefaults } from '../../src/config/config.js';
import { defaultConfig } from '../../src/config/settings.js';
import { ConfigError } from '../../src/errors.js';

describe('configuration', () => {
  it('the zod-free defaults equal what the schema makes of an empty file', () => {
    expect(defaultConfig()).toEqual(schemaDefaults());
  });

  it('a wrong value names its key and line', () => {
    const file = parseYaml('safety-scan.yaml', 'lang: nl\nestimates:\n  min_cell: -1\n');
    try {
      validateYaml(file, configSchema, 'en');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).params).toMatchObject({ line: 3, key: 'estimates.min_cell' });
    }
  });

  it('an unknown key is named with its line', () => {
    const file = parseYaml('safety-scan.yaml', 'weighting:\n  methd: rake\n');
    expect(() => validateYaml(file, configSchema, 'en')).toThrow(ConfigError);
    try {
      validateYaml(file, configSchema, 'en');
    } catch (error) {
      expect((error as ConfigError).key).toBe('config.unknown_key');
      expect((error as ConfigError).params).toMatchObject({ line: 2, key: 'weighting.methd' });
    }
  });
});
