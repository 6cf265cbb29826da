// Every catalogue key is said somewhere: a key no code uses is a text nobody reads, yet translators maintain it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogues } from '../../src/i18n/index.js';

/** Keys code builds from a name (`column.${name}`, `source.${source}`, `workbook.sheet_${part}`): checked by their own tests. */
const BUILT = ['column.', 'source.', 'workbook.sheet_'];

const SRC = join(import.meta.dirname, '..', '..', 'src');
/** The catalogues themselves, where every key is written once. */
const CATALOGUES = new Set(['en', 'nl', 'fr'].map((lang) => join(SRC, 'i18n', `${lang}.ts`)));

function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sources(path);
    return path.endsWith('.ts') && !CATALOGUES.has(path) ? [readFileSync(path, 'utf8')] : [];
  });
}

describe('the catalogue keys', () => {
  const code = sources(SRC).join('\n');
  const said = (key: string) => [`'${key}'`, `"${key}"`, `\`${key}\``].some((quoted) => code.includes(quoted));

  it('are each used by the code', () => {
    const unused = Object.keys(catalogues.en).filter((key) => !BUILT.some((prefix) => key.startsWith(prefix)) && !said(key));
    expect(unused).toEqual([]);
  });
});
