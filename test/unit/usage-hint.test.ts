// "See `safety-scan --help`" ends an error about the command line itself (an unknown command or option, a bad
// option value, a missing argument), never one about an output place, the store or the demo's folder: --help
// does not say how to fix those (issue 17, round 8).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_LINE_KEYS, OTHER_USAGE_KEYS } from '../../src/cli/errors-usage.js';
import { en } from '../../src/i18n/en.js';
import { fr } from '../../src/i18n/fr.js';
import { nl } from '../../src/i18n/nl.js';
import { explain, ROOT, useWorkdirs } from '../helpers/cli.js';

const newWorkdir = useWorkdirs();

const HINTS = { en: en['usage.see_help'], nl: nl['usage.see_help'], fr: fr['usage.see_help'] } as const;
const LANGUAGES = ['en', 'nl', 'fr'] as const;

function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}

describe('the usage hint', () => {
  it('is decided for every UsageError key: about the command line, or not', () => {
    const keys = new Set(sources(join(ROOT, 'src')).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/new UsageError\(\s*'([\w.]+)'/g)].map((m) => m[1])));
    expect(keys.size).toBeGreaterThan(30);
    for (const key of keys) expect(COMMAND_LINE_KEYS.has(key as never) !== OTHER_USAGE_KEYS.has(key as never), key).toBe(true);
  });

  for (const lang of LANGUAGES) {
    it(`ends an error about the command line, in ${lang}`, async () => {
      const workdir = newWorkdir();
      const mistakes = [['bogus'], ['status', '--bogus'], ['indicators', '--format', 'pdf'], ['import', '--kind', 'survey', '--encoding', 'ebcdic-x', 'a.csv'], ['import', '--kind', 'survey', '--strict', '--max-rejects', '2', 'a.csv']];
      for (const args of mistakes) {
        const run = await workdir.run(['--lang', lang, ...args]);
        expect(run.code, explain(run)).toBe(2);
        expect(run.stderr.trimEnd().endsWith(HINTS[lang]), explain(run)).toBe(true);
      }
    });

    it(`is not given for an output place, the store as --out or the demo's folder, in ${lang}`, async () => {
      const workdir = newWorkdir();
      workdir.write({ 'goals.yaml': 'goals: []\n', 'mine/notes.txt': 'mine\n' });
      const demo = await workdir.run(['demo', 'zone']);
      expect(demo.code, explain(demo)).toBe(0);
      const refusals = [
        ['--store', 'zone/safety-scan.db', 'indicators', '--format', 'csv', '--out', 'goals.yaml'],
        ['--store', 'zone/safety-scan.db', 'indicators', '--format', 'csv', '--out', 'zone/safety-scan.db'],
        ['--store', 'zone/safety-scan.db', 'indicators', '--format', 'csv', '--out', '/proc/safety-scan.csv'],
        ['demo', 'mine'],
      ];
      for (const args of refusals) {
        const run = await workdir.run(['--lang', lang, ...args]);
        expect(run.code, explain(run)).toBe(2);
        expect(run.stderr, explain(run)).not.toContain('--help');
      }
    });
  }
});
