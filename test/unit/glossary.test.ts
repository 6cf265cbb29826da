// The catalogues follow the glossary (docs/glossary.md): no form its native readers listed under "avoid" for a
// language appears in that language's messages or codebook words.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codebookFr } from '../../src/i18n/codebook/fr.js';
import { codebookNl } from '../../src/i18n/codebook/nl.js';
import { catalogues } from '../../src/i18n/index.js';
import { ROOT } from '../helpers/cli.js';

const glossary = readFileSync(join(ROOT, 'docs', 'glossary.md'), 'utf8');

/** The forms to avoid of one language: the backticked forms of the last column of its section's table. */
function avoided(section: string): string[] {
  const start = glossary.indexOf(`## ${section}`);
  const end = glossary.indexOf('\n## ', start + 1);
  const text = glossary.slice(start, end < 0 ? undefined : end);
  return text
    .split('\n')
    .filter((line) => line.startsWith('|') && !line.startsWith('| ---') && !line.startsWith('| en'))
    .flatMap((line) => {
      const avoid = line.split('|').at(-2) ?? '';
      // a form whose note says it is wrong in one sense only ("not testable") is left to reviewers
      return avoid
        .split(';')
        .filter((part) => !/not testable/i.test(part))
        .flatMap((part) => [...part.matchAll(/`([^`]+)`/g)].map((m) => m[1]));
    })
    .filter((form) => !/^[{-]/.test(form));
}

/** Every text of a language: messages and codebook words, without placeholders, code spans and option names. */
function texts(values: unknown): string[] {
  if (typeof values === 'string') return [values.replace(/`[^`]*`/g, ' ').replace(/\{\w+\}/g, ' ').replace(/--[a-z-]+( [a-z_]+)?/g, ' ')];
  if (Array.isArray(values)) return values.flatMap(texts);
  if (values && typeof values === 'object') return Object.values(values).flatMap(texts);
  return [];
}

const normalise = (text: string) => text.toLowerCase().replace(/’/g, "'");
const wholeWord = (form: string) => new RegExp(`(^|[^\\p{L}\\p{N}_-])${normalise(form).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}_-])`, 'u');

describe('the glossary', () => {
  for (const [section, messages, codebook] of [
    ['Dutch (nl)', catalogues.nl, codebookNl],
    ['French (fr)', catalogues.fr, codebookFr],
  ] as const) {
    it(`${section}: lists forms to avoid, and the catalogue uses none of them`, () => {
      const forms = avoided(section);
      expect(forms.length).toBeGreaterThan(20);
      const all = [...texts(messages), ...texts(codebook)].map(normalise);
      const found = forms.filter((form) => all.some((text) => wholeWord(form).test(text)));
      expect(found).toEqual([]);
    });
  }

  it('catches a form to avoid (the check itself can fail)', () => {
    expect(wholeWord('volledig gebied').test(normalise('Het volledig gebied telt mee.'))).toBe(true);
    expect(wholeWord('middel').test(normalise('risico gemiddeld'))).toBe(false);
  });
});
