// Feedback to residents says what the evidence says, in each language: a real change (significant after the
// correction) with its size, "no clear change", or "too few answers"; and it promises nothing the zone did not write.
import { mkdirSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/config/settings.js';
import { ConfigError } from '../../src/errors.js';
import { Evidence } from '../../src/evidence/evidence.js';
import { loadGoals } from '../../src/goals/file.js';
import { translator, type Lang } from '../../src/i18n/index.js';
import type { Block } from '../../src/report/document.js';
import { loadFeedback, type FeedbackTexts } from '../../src/report/feedback.js';
import { buildReport, type ReportModel } from '../../src/report/model.js';
import { reportDocument } from '../../src/report/sections.js';
import { Store } from '../../src/store/db.js';
import { SqliteReader } from '../../src/store/reader.js';
import { DEMO, Workdir, useDemoZone } from '../helpers/cli.js';

const demo = useDemoZone();
let model: ReportModel;

beforeAll(async () => {
  const store = Store.open(demo.path('zone', 'safety-scan.db'), { mode: 'read' });
  try {
    model = await buildReport(new Evidence(new SqliteReader(store), defaultSettings()), { wave: '2026', goals: loadGoals(`${DEMO}/goals.yaml`) });
  } finally {
    store.close();
  }
});

/** The feedback section's texts of one district. */
function feedbackOf(district: string, lang: Lang, texts: FeedbackTexts | null = null): string[] {
  const doc = reportDocument(model, [district], texts, translator(lang), { version: 'test', date: '2026-12-03' });
  const section = doc.blocks.find((block): block is Extract<Block, { type: 'section' }> => block.type === 'section' && block.className === 'district')!;
  // groups only keep blocks together on a printed page; the feedback is read in order
  const flat = (blocks: Block[]): Block[] => blocks.flatMap((block) => (block.type === 'group' ? flat(block.blocks) : [block]));
  const blocks = flat(section.blocks);
  const start = blocks.findIndex((block) => block.type === 'heading' && block.text === translator(lang)('report.feedback'));
  return blocks.slice(start + 1).flatMap((block) => (block.type === 'paragraph' ? [block.text] : block.type === 'list' ? block.items.map(String) : []));
}

describe('feedback to residents', () => {
  it('Oudegem: the fall in feeling unsafe is named as a real change; unsafe-often is "no clear change"', () => {
    const [text] = feedbackOf('Oudegem', 'en');
    expect(text).toMatch(/Feels unsafe \(sometimes or more\): down from 45% to 26% since 2023, a real change \(−19\.0 percentage points\)\./);
    expect(text).toMatch(/No clear change since 2023 for: feels unsafe often or always, /);
    expect(text).not.toMatch(/About as many/);
    expect(text.indexOf('a real change')).toBeLessThan(text.indexOf('No clear change'));
  });

  it('Drieënhoek: too few answered to say anything changed', () => {
    const [text] = feedbackOf('Drieënhoek', 'en');
    expect(text).toMatch(/Too few residents answered to tell whether there was a change for: /);
    expect(text).not.toMatch(/a real change|No clear change/);
  });

  it('says the same three things in Dutch and French', () => {
    const [nl] = feedbackOf('Oudegem', 'nl');
    expect(nl).toMatch(/gedaald van 45\s?% naar 26\s?% sinds 2023, een echte verandering \(−19,0 procentpunt\)/);
    expect(nl).toMatch(/Geen duidelijke verandering sinds 2023 voor: /);
    expect(feedbackOf('Drieënhoek', 'nl')[0]).toMatch(/Te weinig bewoners antwoordden/);
    const [fr] = feedbackOf('Oudegem', 'fr');
    expect(fr).toMatch(/en baisse de 45\s?% à 26\s?% depuis 2023, un changement réel \(−19,0 points de pourcentage\)/);
    expect(fr).toMatch(/Pas de changement net depuis 2023 pour\u202f: /);
    expect(feedbackOf('Drieënhoek', 'fr')[0]).toMatch(/Trop peu d’habitants ont répondu/);
  });

  it('promises nothing: without a feedback file there is a marked placeholder, never "we will come back to you"', () => {
    const texts = feedbackOf('Baasrode', 'en');
    expect(texts.join(' ')).not.toMatch(/come back to you|no plan yet/);
    expect(texts.at(-1)).toBe('[To be completed by the zone: what is being done with these findings in Baasrode. Write it in Baasrode.en.md in the feedback folder.]');
  });

  it('includes the zone’s own feedback file for the district and language', () => {
    const dir = new Workdir();
    try {
      mkdirSync(dir.path('feedback'));
      writeFileSync(dir.path('feedback', 'oudegem.nl.md'), 'We pakken het sluikstorten aan met extra camera’s.\n\n- wijkoverleg in maart\n- nieuwe vuilbakken\n');
      writeFileSync(dir.path('feedback', 'Oudegem.fr.md'), 'Texte en français.\n');
      const texts = loadFeedback(dir.path('feedback'), model.profiles.estimates.districts, 'nl');
      expect([...texts.byDistrict.keys()]).toEqual(['Oudegem']);
      expect(feedbackOf('Oudegem', 'nl', texts).slice(-3)).toEqual(['We pakken het sluikstorten aan met extra camera’s.', 'wijkoverleg in maart', 'nieuwe vuilbakken']);
      writeFileSync(dir.path('feedback', 'Nergenshuizen.nl.md'), 'x');
      expect(() => loadFeedback(dir.path('feedback'), model.profiles.estimates.districts, 'nl')).toThrow(ConfigError);
    } finally {
      dir.remove();
    }
  });
});
