// Configuration, goals and mapping files that are hostile or odd: an alias bomb, a device, a huge file, a key
// that is a list, forty thousand keys. Each is a configuration error (exit 4) with its line, quickly, and no
// Node warning ever reaches the terminal.
import { mkdirSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_CONFIG_BYTES, parseYaml } from '../../src/config/yaml.js';
import { translator } from '../../src/i18n/index.js';
import { Workdir, explain } from '../helpers/cli.js';
import { configError } from '../helpers/errors.js';

const en = translator('en');

/** The options each parse hands the YAML library (its own duplicate-key check compares every key with every other). */
const parsed = vi.hoisted(() => ({ options: [] as unknown[] }));
vi.mock('yaml', async (importOriginal) => {
  const yaml = await importOriginal<typeof import('yaml')>();
  const parseDocument = (...args: Parameters<typeof yaml.parseDocument>) => {
    parsed.options.push(args[1]);
    return yaml.parseDocument(...args);
  };
  return { ...yaml, parseDocument };
});


/** Nine times nine ... aliases: a few hundred bytes that would expand to millions of nodes. */
const ALIAS_BOMB = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefgh'.split('').map((name, i) => `${name}: &${name} [${Array(9).fill(`*${'abcdefg'[i]}`).join(',')}]`)].join('\n');

describe('YAML that would exhaust the parser', () => {
  it('an alias bomb is refused as a configuration error, not expanded', () => {
    const error = configError(() => parseYaml('bomb.yaml', ALIAS_BOMB));
    expect(error.detail.key).toBe('config.yaml_syntax');
    expect(en.message(error.detail)).toContain('alias bomb');
  });

  it('forty thousand keys are checked for duplicates in one pass', () => {
    const text = Array.from({ length: 40_000 }, (_, i) => `k${i}: ${i}`).join('\n');
    parsed.options.length = 0;
    expect(Object.keys(parseYaml('big.yaml', text).data as object)).toHaveLength(40_000);
    // the library's own check compares every key with every other (12 s for these keys): it is left off, and
    // safety-scan's own check (one map per YAML map) finds duplicates, as the next test shows
    expect(parsed.options).toEqual([expect.objectContaining({ uniqueKeys: false })]);
  });

  it('a duplicate key names both lines, at any depth', () => {
    const error = configError(() => parseYaml('goals.yaml', 'goals:\n  - id: G1\n    target: 0.1\n    title: x\n    target: 0.2\n'));
    expect(error.location).toEqual({ file: 'goals.yaml', line: 5, column: 5 });
    expect(en.message(error.detail)).toContain('the key `target` is given twice (first on line 3)');
  });
});

describe('a key that is a list or a map', () => {
  const warn = vi.spyOn(process, 'emitWarning');
  afterEach(() => warn.mockClear());
  afterAll(() => warn.mockRestore());

  it('is a configuration error on its line, with no Node warning', () => {
    const error = configError(() => parseYaml('mapping.yaml', 'columns:\n  ? [Wijk, Buurt]\n  : district\n'));
    expect(error.location).toMatchObject({ file: 'mapping.yaml', line: 2 });
    expect(en.message(error.detail)).toContain('keys must be plain words');
    expect(warn).not.toHaveBeenCalled();
  });
});

describe('a configuration file that is not a small regular file', () => {
  const dir = new Workdir();
  afterAll(() => dir.remove());

  it.each([
    ['/dev/zero', () => '/dev/zero', 'not a regular file or folder'],
    ['a folder', () => {
      mkdirSync(dir.path('folder.yaml'), { recursive: true });
      return dir.path('folder.yaml');
    }, 'it is a folder'],
    ['a file over the size limit', () => {
      dir.write({ 'huge.yaml': `# ${'x'.repeat(MAX_CONFIG_BYTES)}\nlang: nl\n` });
      return dir.path('huge.yaml');
    }, `configuration, goals and mapping files are read up to ${MAX_CONFIG_BYTES} bytes`],
    ['an alias bomb', () => {
      dir.write({ 'bomb.yaml': ALIAS_BOMB });
      return dir.path('bomb.yaml');
    }, 'alias bomb'],
  ])('%s is a configuration error (exit 4) naming it', async (_what, make, words) => {
    const config = make();
    const run = await dir.run(['status', '--config', config]);
    expect(run.code, explain(run)).toBe(4);
    expect(run.stderr).toContain(config.split('/').pop());
    expect(run.stderr).toContain(words);
  });
});
