// The report's words on the evidence behind goals: where `goals: use_model: true` let a thin district be judged
// on the small-area model, its section says "estimated with help from similar districts" in plain words and the
// methods appendix explains the model; unmeasurable goals are explained there too. Without the setting, no model.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO, Workdir, explain, useDemoZone } from '../helpers/cli.js';

const demo = useDemoZone();
const GOALS = `${DEMO}/goals.yaml`;

async function reportText(lang: string, config: string | null): Promise<string> {
  const out = `md-${lang}-${config === null ? 'direct' : 'model'}`;
  const args = ['--store', 'zone/safety-scan.db', '--lang', lang];
  if (config !== null) {
    demo.write({ [`${out}.yaml`]: config });
    args.push('--config', `${out}.yaml`);
  }
  const run = await demo.run([...args, 'report', '--goals', GOALS, '--format', 'md', '--out', out]);
  if (run.code !== 0) throw new Error(explain(run));
  return readFileSync(demo.path(out, `report-2026-${lang}.md`), 'utf8');
}

/** The text of a district's section, up to the next district. */
function section(text: string, district: string): string {
  const start = text.indexOf(`\n## ${district}\n`);
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start, end);
}

describe('the report on model estimates', () => {
  it('says in plain words where a goal leans on similar districts, and explains it in the methods', async () => {
    const text = await reportText('en', 'goals: { use_model: true }\n');
    const drieenhoek = section(text, 'Drieënhoek');
    expect(drieenhoek).toMatch(/is a model estimate, estimated with help from similar districts, because too few residents answered/);
    expect(drieenhoek).toMatch(/too few residents of Drieënhoek answered for a reliable figure of their own/);
    expect(section(text, 'Oudegem')).not.toMatch(/similar districts/);
    expect(text).toMatch(/### Estimated with help from similar districts\n\nIn districts with few respondents a goal shows, beside the district.s own figure, an estimate from a small-area model \(Fay-Herriot\) that also draws on similar districts/);
  });

  it('without `use_model`, shows the model beside Drieënhoek\'s suppressed figure but judges on the district\'s own', async () => {
    const text = await reportText('en', null);
    const drieenhoek = section(text, 'Drieënhoek');
    expect(drieenhoek).toMatch(/Too few residents answered to show the district's own figure; estimated with help from similar districts, it is \d+\.\d% \(\d+\.\d% to \d+\.\d%\)\. The goal is judged on the district's own figures only/);
    expect(drieenhoek).not.toMatch(/is a model estimate, estimated with help/);
    expect(section(text, 'Oudegem')).not.toMatch(/similar districts/);
    expect(text).toMatch(/### Goals that cannot be measured\n\nA goal is unmeasurable when/);
  });

  it.each([
    ['nl', /geschat met hulp van vergelijkbare wijken/, /### Doelstellingen die niet meetbaar zijn/],
    ['fr', /s’appuie aussi sur des quartiers comparables/, /### Objectifs non mesurables/],
  ])('in %s too', async (lang, model, unmeasurable) => {
    const text = await reportText(lang, 'goals: { use_model: true }\n');
    expect(section(text, 'Drieënhoek')).toMatch(model);
    expect(text).toMatch(unmeasurable);
  });
});

// Adversarial run r38, F5: for a district no resident answered in, the report said "a statistical model combines what
// they said" and "Thank you for taking part".
describe('the report on a district no resident answered in', () => {
  it('neither thanks its residents nor speaks of what they said; the districts that answered still are thanked', async () => {
    const work = new Workdir();
    const without = (file: string) => Buffer.from(readFileSync(`${DEMO}/${file}`, 'latin1').split('\n').filter((line) => !/Drie.{1,4}nhoek/.test(line)).join('\n'), 'latin1');
    work.write({
      's23.csv': without('survey-2023.csv'),
      's26.csv': without('survey-2026.csv'),
      'safety-scan.yaml': 'goals: { file: goals.yaml, use_model: true }\nsmall_areas:\n  indicators: all\n',
      'goals.yaml': 'goals:\n  - {id: M4, title: t, indicator: unsafe_general, district: Drieënhoek, direction: decrease, baseline: {wave: 2023}, target: 0.3, deadline: 2029}\n  - {id: M1, title: o, indicator: unsafe_general, district: Oudegem, direction: decrease, baseline: {wave: 2023}, target: 0.3, deadline: 2029}\n',
    });
    try {
      expect((await work.run(['import', '--kind', 'population', `${DEMO}/population.csv`])).code).toBe(0);
      expect((await work.run(['import', '--kind', 'survey', 's23.csv', 's26.csv'])).code).toBe(0);
      const texts: Record<string, string> = {};
      for (const lang of ['en', 'nl', 'fr']) {
        const run = await work.run(['--lang', lang, 'report', '--format', 'md', '--out', `rep-${lang}`]);
        expect(run.code, explain(run)).toBe(0);
        texts[lang] = readFileSync(work.path(`rep-${lang}`, `report-2026-${lang}.md`), 'utf8');
      }
      const drieenhoek = section(texts.en, 'Drieënhoek');
      expect(drieenhoek).not.toMatch(/Thank you for taking part|what they said|too few residents of Drieënhoek answered/);
      expect(drieenhoek).toContain('No resident of Drieënhoek answered the survey of 2026, so there are no answers of theirs to report here.');
      expect(drieenhoek).toMatch(/no resident of Drieënhoek answered in that survey: a statistical model \(a small-area model\) predicts the figure from what similar districts show/);
      expect(drieenhoek).toContain('- Feels unsafe often or always: no resident answered.');
      expect(drieenhoek).not.toMatch(/too few answers to say|Too few residents answered to tell/);
      expect(section(texts.en, 'Oudegem')).toContain('Thank you for taking part');
      expect(section(texts.nl, 'Drieënhoek')).not.toMatch(/Bedankt voor uw deelname|wat zij zeiden/);
      expect(section(texts.nl, 'Drieënhoek')).toContain('Geen enkele bewoner van Drieënhoek antwoordde op de bevraging van 2026');
      expect(section(texts.fr, 'Drieënhoek')).not.toMatch(/Merci pour votre participation|combine leurs réponses/);
      expect(section(texts.fr, 'Drieënhoek')).toContain('Aucun habitant de Drieënhoek n’a répondu à l’enquête de 2026');
    } finally {
      work.remove();
    }
  });
});
