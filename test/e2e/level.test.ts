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

describe('the bounds of estimates.level and check.alpha (adversarial run r14, F1-F3)', () => {
  // Each of these passed the schema and made a command fail inside (exit 70): an alpha of 0.8 above the
  // 80% power the minimum detectable change is sized for, a denormal alpha whose quantile is infinite, a
  // level that reads as 0.9999999999999999 and has no t quantile.
  it.each([
    ['check:\n  alpha: 0.8\n', 'check', '`check.alpha`: too large: at most 0.5'],
    ['check:\n  alpha: 4.9e-324\n', 'check', '`check.alpha`: too small: at least 0.001'],
    ['check:\n  alpha: 0.8\n', 'report', '`check.alpha`: too large: at most 0.5'],
    ['estimates:\n  level: 0.99999999999999994\n', 'indicators', '`estimates.level`: too large: at most 0.999'],
  ])('%j: %s exits 4 at the line', async (extra, command, reason) => {
    demo.write({ 'zone/bounds.yaml': `${readFileSync(demo.path('zone/safety-scan.yaml'), 'utf8')}\n${extra}` });
    const run = await demo.run(['--config', 'zone/bounds.yaml', command, ...(command === 'report' ? ['--out', 'bounds-report'] : [])]);
    expect(run.code, explain(run)).toBe(4);
    expect(run.stderr).toContain(reason);
    expect(run.stderr).toMatch(/bounds\.yaml:\d+/);
    const validated = await demo.run(['validate', 'zone/bounds.yaml']);
    expect(validated.code, explain(validated)).toBe(4);
    expect(validated.stdout + validated.stderr).toContain(reason);
  });
});
