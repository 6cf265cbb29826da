// `report`, "What changed since ...": a district none of whose changes could be tested is not told that no
// change is larger than chance; a district with some untested indicators is told how many.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO, explain, useWorkdirs } from '../helpers/cli.js';

const workdir = useWorkdirs();

/** The demo's survey file with Schoonaarde cut to its first `keep` respondents, byte for byte otherwise. */
function thinned(file: string, keep: number): Buffer {
  let kept = 0;
  const lines = readFileSync(`${DEMO}/${file}`, 'latin1')
    .split('\n')
    .filter((line) => !line.includes(';Schoonaarde;') || ++kept <= keep);
  return Buffer.from(lines.join('\n'), 'latin1');
}

/** The "What changed" paragraph of one district's section. */
function changed(markdown: string, district: string): string {
  const section = markdown.slice(markdown.indexOf(`## ${district}\n`));
  const heading = /### (What changed since|Wat is er veranderd sinds|Ce qui a changé depuis) 2023\??\n\n/.exec(section);
  expect(heading, district).not.toBeNull();
  const start = (heading?.index ?? 0) + (heading?.[0].length ?? 0);
  return section.slice(start, section.indexOf('\n', start));
}

describe('report: what changed since the previous wave', () => {
  it('says no change could be tested where every estimate is withheld in one of the waves, and counts the untested ones elsewhere', async () => {
    // Five respondents cannot be weighted to a district's margins: unweighted, as a zone without population figures.
    const work = workdir().write({ 'safety-scan.yaml': 'weighting:\n  method: none\n', 'survey-2023.csv': thinned('survey-2023.csv', 5), 'survey-2026.csv': thinned('survey-2026.csv', 5) });
    for (const [kind, file] of [
      ['population', `${DEMO}/population.csv`],
      ['survey', work.path('survey-2023.csv')],
      ['survey', work.path('survey-2026.csv')],
    ]) {
      const run = await work.run(['--store', 'z.db', 'import', '--kind', kind, file]);
      expect(run.code, explain(run)).toBe(0);
    }
    const expected = {
      en: ['No change since 2023 could be tested here: in one or both waves there were too few answers, or the figures are not shown.', 'For 7 of the 17 indicators no change could be tested'],
      nl: ['Sinds 2023 kon hier geen enkele verandering getoetst worden:', 'Voor 7 van de 17 indicatoren kon geen verandering getoetst worden'],
      fr: ['Aucun changement depuis 2023 n’a pu être testé ici\u202f:', 'Pour 7 des 17 indicateurs, aucun changement n’a pu être testé'],
    };
    for (const [lang, [none, some]] of Object.entries(expected)) {
      const run = await work.run(['--store', 'z.db', '--lang', lang, 'report', '--format', 'md', '--out', `rep-${lang}`]);
      expect(run.code, explain(run)).toBe(0);
      const markdown = readFileSync(work.path(`rep-${lang}`, `report-2026-${lang}.md`), 'utf8');
      expect(changed(markdown, 'Schoonaarde')).toContain(none);
      expect(changed(markdown, 'Sint Denijs')).toContain(some);
    }
    const en = readFileSync(work.path('rep-en', 'report-2026-en.md'), 'utf8');
    expect(changed(en, 'Schoonaarde')).not.toContain('chance');
    expect(changed(en, 'Sint Denijs')).toMatch(/^Since 2023, no change is larger than chance alone would explain\. For 7 of the 17 indicators/);
    expect(changed(en, 'Baasrode')).toBe('Since 2023, no change is larger than chance alone would explain.');
  });
});
