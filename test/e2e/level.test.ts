// The interval level is a setting (`estimates.level`), and every table, Markdown file, profile and report
// labels its ranges with it: the results carry the level they were made with.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO, explain, useDemoZone } from '../helpers/cli.js';

const demo = useDemoZone();
const at90 = (...args: string[]) => {
  demo.write({ 'level-90.yaml': 'estimates:\n  level: 0.90\n' });
  return demo.run(['--store', 'zone/safety-scan.db', '--config', 'level-90.yaml', ...args]);
};

describe('estimates.level: 0.90', () => {
  it('labels the indicators table and Markdown "90%"', async () => {
    for (const format of ['table', 'md']) {
      const run = await at90('indicators', '--indicator', 'unsafe_often', '--format', format);
      expect(run.code, explain(run)).toBe(0);
      expect(run.stdout).toContain('90% interval');
      expect(run.stdout).not.toContain('95%');
    }
    const dutch = await at90('--lang', 'nl', 'indicators', '--indicator', 'unsafe_often');
    expect(dutch.stdout).toMatch(/90%[- ]interval/);
  });

  it('gives narrower intervals than the default 95%', async () => {
    const json = async (config: string[]) => JSON.parse((await demo.run(['--store', 'zone/safety-scan.db', ...config, 'indicators', '--json', '--indicator', 'unsafe_often'])).stdout);
    const [narrow, wide] = [await json(['--config', 'level-90.yaml']), await json([])];
    const area = (result: { rows: Array<{ district: string | null; ci_low: number; ci_high: number }> }) => result.rows.find((row) => row.district === null)!;
    expect(area(narrow).ci_high - area(narrow).ci_low).toBeLessThan(area(wide).ci_high - area(wide).ci_low);
  });

  it('labels the profile "90%"', async () => {
    const run = await at90('profile', '--district', 'Oudegem');
    expect(run.code, explain(run)).toBe(0);
    expect(run.stdout).toContain('90% interval');
    expect(run.stdout).not.toContain('95%');
  });

  it('labels the report’s ranges "90%", in every language', async () => {
    for (const [lang, phrase] of [['en', '90% interval'], ['nl', '90%-marge'], ['fr', 'fourchette à 90'] ] as const) {
      const run = await at90('--lang', lang, 'report', '--goals', `${DEMO}/goals.yaml`, '--out', `report-90-${lang}`);
      expect(run.code, explain(run)).toBe(0);
      const html = readFileSync(run.stdout.trim(), 'utf8');
      expect(html, lang).toContain(phrase);
      expect(html, lang).not.toMatch(/95\s?%/);
    }
  });
});

describe('a level with more decimals', () => {
  it('is labelled with every decimal it has: 0.9555 is "95.55%", never rounded to another level', async () => {
    demo.write({ 'level-9555.yaml': 'estimates:\n  level: 0.9555\n', 'level-995.yaml': 'estimates:\n  level: 0.995\n' });
    const run = await demo.run(['--store', 'zone/safety-scan.db', '--config', 'level-9555.yaml', 'indicators', '--indicator', 'unsafe_often']);
    expect(run.code, explain(run)).toBe(0);
    expect(run.stdout).toContain('95.55% interval');
    const dutch = await demo.run(['--store', 'zone/safety-scan.db', '--config', 'level-9555.yaml', '--lang', 'nl', 'indicators', '--indicator', 'unsafe_often', '--format', 'md']);
    expect(dutch.stdout).toMatch(/95,55%[- ]interval/);
    const half = await demo.run(['--store', 'zone/safety-scan.db', '--config', 'level-995.yaml', 'indicators', '--indicator', 'unsafe_often']);
    expect(half.stdout).toContain('99.5% interval');
  });
});
