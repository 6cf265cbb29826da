// `safety-scan codebook`: the indicators, items and themes in the reader's language, without a store; the
// configuration's own items and indicators included; terminal tables that fit 80 columns.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_INDICATORS, BUILT_IN_ITEMS, PROBLEM_THEMES } from '../../src/config/codebook.js';
import { explain, useWorkdirs } from '../helpers/cli.js';

const workdir = useWorkdirs();

const CONFIG = `codebook:
  items:
    cohesion_contact: { values: [1, 2, 3, 4, 5], labels: { nl: [helemaal oneens, oneens, neutraal, eens, helemaal eens] } }
  themes: [shoplifting]
indicators:
  - { id: cohesion_agree, type: share, item: cohesion_contact, values: [4, 5], label: { nl: is het eens met contact in de buurt } }
  - { id: cohesion_score, type: score, items: [cohesion_contact, unsafe_freq], item_weights: [2, 1], min_items: 2 }
`;

const widest = (text: string) => Math.max(...text.split('\n').map((line) => [...line].length));

describe('safety-scan codebook', () => {
  it.each(['en', 'nl', 'fr'])('--lang %s: every indicator, item and theme, in a table that fits 80 columns', async (lang) => {
    const run = await workdir().run(['--lang', lang, 'codebook'], { env: { COLUMNS: '80' } });
    expect(run.code, explain(run)).toBe(0);
    expect(widest(run.stdout)).toBeLessThanOrEqual(80);
    for (const definition of BUILT_IN_INDICATORS) expect(run.stdout).toContain(definition.id);
    for (const item of BUILT_IN_ITEMS) expect(run.stdout).toContain(item.name);
    for (const theme of PROBLEM_THEMES) expect(run.stdout).toContain(theme);
  });

  it('says how each indicator is computed, with the answers in the language', async () => {
    const run = await workdir().run(['--lang', 'nl', 'codebook', '--json']);
    expect(run.code, explain(run)).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.lang).toBe('nl');
    expect(json.indicators.find((row: { id: string }) => row.id === 'unsafe_often')).toEqual({
      id: 'unsafe_often',
      type: 'share',
      label: 'voelt zich vaak of altijd onveilig',
      item: 'unsafe_freq',
      items: null,
      values: [4, 5],
      min_items: null,
    });
    expect(json.items.find((row: { name: string }) => row.name === 'unsafe_freq').labels).toEqual(['nooit', 'zelden', 'soms', 'vaak', 'altijd']);
    const md = await workdir().run(['--lang', 'nl', 'codebook', '--format', 'md']);
    expect(md.stdout).toContain('| `unsafe_often` | voelt zich vaak of altijd onveilig | aandeel dat vaak (4) of altijd (5) antwoordt op `unsafe_freq` |');
  });

  it('includes the configuration’s items, themes and indicators (weights named), and needs no store', async () => {
    const dir = workdir().write({ 'safety-scan.yaml': CONFIG });
    const run = await dir.run(['--lang', 'nl', 'codebook', '--format', 'md']);
    expect(run.code, explain(run)).toBe(0);
    expect(run.stdout).toContain('| `cohesion_agree` | is het eens met contact in de buurt | aandeel dat eens (4) of helemaal eens (5) antwoordt op `cohesion_contact` |');
    expect(run.stdout).toContain('gewogen score van 0 tot 10 over `cohesion_contact` en `unsafe_freq` (gewichten 2, 1; minstens 2 beantwoord)');
    expect(run.stdout).toContain('| `shoplifting` | shoplifting |');
    expect(existsSync(dir.path('safety-scan.db'))).toBe(false);
  });

  // adversarial run r29, item 1: codes holding personal data were accepted and printed (and an item named the survey's column)
  it('refuses a declared code that holds personal data (exit 4, its line, the code withheld); validate lists every one', async () => {
    const config = 'codebook:\n  items:\n    tel_0470123456: { values: [1, 2] }\n  themes: [drugs, lindendalbaan_12]\n  organisation_types: [youth_work, dhr_peeters]\n';
    const dir = workdir().write({ 'safety-scan.yaml': config });
    const run = await dir.run(['codebook']);
    expect(run.code, explain(run)).toBe(4);
    expect(run.stderr).toContain('safety-scan.yaml:3: `codebook.items.***` is a code');
    const check = await dir.run(['--lang', 'nl', 'validate', 'safety-scan.yaml']);
    expect(check.code, explain(check)).toBe(4);
    for (const [line, key] of [[3, 'codebook.items.***'], [4, 'codebook.themes.1'], [5, 'codebook.organisation_types.1']]) {
      expect(check.stdout + check.stderr).toContain(`safety-scan.yaml:${line}: \`${key}\` is een code`);
    }
    for (const output of [run.stdout, run.stderr, check.stdout, check.stderr]) expect(output).not.toMatch(/0470|lindendal|peeters/i);
  });

  // adversarial run r36, C1: one backtick in an answer label was read as the start of a code span, so the rest
  // of the cell (raw HTML, a live link, a bar that splits the table) was left unescaped
  it('escapes an answer label with a backtick in Markdown like any other, and shows it whole in the terminal', async () => {
    const label = 'tw`o | <img src=x onerror=alert(1)> [a](javascript:alert(1)) *c*';
    const config = `codebook:\n  items:\n    cohesion_contact: { values: [1, 2], labels: { en: ["one", "${label}"] } }\nindicators:\n  - { id: cohesion_agree, type: share, item: cohesion_contact, values: [2] }\n`;
    const dir = workdir().write({ 'safety-scan.yaml': config });
    const md = await dir.run(['codebook', '--format', 'md']);
    expect(md.code, explain(md)).toBe(0);
    const row = md.stdout.split('\n').find((line) => line.startsWith('| `cohesion_agree`'));
    expect(row).toBe('| `cohesion_agree` | cohesion\\_agree | share answering tw\\`o \\| &lt;img src=x onerror=alert(1)&gt; \\[a\\](javascript:alert(1)) \\*c\\* (2) to `cohesion_contact` |');
    const table = await dir.run(['codebook'], { env: { COLUMNS: '200' } });
    expect(table.stdout.replace(/[ │]+/g, ' ')).toContain(`share answering ${label} (2) to cohesion_contact`);
  });

  it('shows every item weight with the decimals it has, never a non-zero weight as 0 (r24b F2)', async () => {
    const config = CONFIG.replace('item_weights: [2, 1]', 'item_weights: [0.000001, 1.25]');
    const dir = workdir().write({ 'safety-scan.yaml': config });
    for (const [lang, weights] of [
      ['en', '(weights 0.000001, 1.25;'],
      ['nl', '(gewichten 0,000001, 1,25;'],
    ] as const) {
      const run = await dir.run(['--lang', lang, 'codebook', '--format', 'md']);
      expect(run.code, explain(run)).toBe(0);
      expect(run.stdout).toContain(weights);
    }
  });

  it('wraps to a wider terminal when COLUMNS says so, and stacks when even wrapping cannot fit', async () => {
    const wide = await workdir().run(['codebook'], { env: { COLUMNS: '200' } });
    expect(widest(wide.stdout)).toBeGreaterThan(100);
    const narrow = await workdir().run(['codebook'], { env: { COLUMNS: '40' } });
    expect(narrow.code, explain(narrow)).toBe(0);
    expect(widest(narrow.stdout)).toBeLessThanOrEqual(60);
    expect(narrow.stdout).toMatch(/\nunsafe_often\n {2}what it measures: feels unsafe often\n {4}or always\n/);
  });
});
