// A row that names the total of the districts (adversarial run r17, finding 7): `Totaal`, `Total`, `Alle wijken`,
// `Toute la zone` in a district column is a total, never one more district; its row is refused with its own
// reason (the name shown: it is a word of the table, not personal data), the districts beside it stored.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explain, useWorkdirs } from '../helpers/cli.js';

const workdir = useWorkdirs();

const TOTALS = ['Totaal', 'TOTAL', 'Alle wijken', 'Toute la zone', 'Heel de zone', 'Total général', 'Eindtotaal'];
const PLACES = ['Oudegem', 'Totnes', 'Alleur', 'Ensival', 'Gentbrugge'];

describe('a total row in a district column', () => {
  it('is refused with its own reason in the reader’s language, and the districts beside it are stored', async () => {
    const dir = workdir().write({
      'pop.csv': `district|sex|age_group|population\n${[...PLACES, ...TOTALS].map((name) => `${name}|M|15-29|100`).join('\n')}\n`,
    });
    const run = await dir.run(['--lang', 'nl', 'import', '--kind', 'population', 'pop.csv', '--json']);
    expect(run.code, explain(run)).toBe(0);
    const [outcome] = JSON.parse(run.stdout).files;
    expect(outcome).toMatchObject({ rows_stored: PLACES.length, rows_rejected: TOTALS.length });
    const rejects = readFileSync(outcome.rejects_file as string, 'utf8');
    expect(rejects).toContain('`Totaal` in district is de naam van het totaal of het gemiddelde van de wijken, geen wijk');
    expect(run.stderr).toContain('een totaal of een gemiddelde, geen wijk');
    const status = await dir.run(['status', '--json']);
    expect(status.stdout).not.toMatch(/Totaal|Alle wijken|Toute la zone/);
  });

  it('is refused in a survey too: respondents are never counted in a district called the total', async () => {
    const dir = workdir().write({ 'survey.csv': 'respondent_id,wave,district,sex,age,unsafe_freq\nR1,2026,Oudegem,F,30,2\nR2,2026,Totaal,M,40,3\n' });
    const run = await dir.run(['import', '--kind', 'survey', 'survey.csv', '--json']);
    expect(run.code, explain(run)).toBe(0);
    expect(JSON.parse(run.stdout).files[0]).toMatchObject({ rows_stored: 1, rows_rejected: 1 });
    expect(run.stderr).toContain('a total or an average, not a district');
  });

  it('a district named as the configured zone is refused too, in any spelling that prints alike (adversarial run r18, F8)', async () => {
    const dir = workdir().write({
      'safety-scan.yaml': 'zone: PZ Schelde-Leie\n',
      'pop.csv': 'district|sex|age_group|population\nOudegem|M|15-29|100\nPZ Schelde-Leie|M|15-29|100\npz schelde leie|F|15-29|100\n',
    });
    const run = await dir.run(['import', '--kind', 'population', 'pop.csv', '--json']);
    expect(run.code, explain(run)).toBe(0);
    expect(JSON.parse(run.stdout).files[0]).toMatchObject({ rows_stored: 1, rows_rejected: 2 });
    expect(run.stderr).toContain('the zone’s own name');
  });

  it('a `zone:` written later as a stored district\'s name is refused when the store is read (adversarial run r19, F7)', async () => {
    const dir = workdir().write({
      'pop.csv': 'district|sex|age_group|population\nOudegem|M|15-29|100\nOudegem|F|15-29|100\nBaasrode|M|15-29|100\nBaasrode|F|15-29|100\n',
      'survey.csv': `respondent_id;wave;district;sex;age;unsafe_freq\n${Array.from({ length: 24 }, (_, i) => `R${i};2026;${i % 2 ? 'Oudegem' : 'Baasrode'};${i % 4 < 2 ? 'M' : 'F'};20;${1 + (i % 5)}`).join('\n')}\n`,
    });
    for (const [kind, file] of [['population', 'pop.csv'], ['survey', 'survey.csv']]) expect((await dir.run(['import', '--kind', kind, file])).code).toBe(0);
    dir.write({ 'safety-scan.yaml': 'zone: OUDEGEM\n' });
    for (const command of [['indicators'], ['report', '--out', 'r']]) {
      const run = await dir.run(['--lang', 'nl', ...command]);
      expect(run.code, explain(run)).toBe(4);
      expect(run.stderr).toContain('`zone: OUDEGEM` verschijnt als de wijk Oudegem uit de databank');
    }
  });

  // more totals, dates and placeholders, and the zone's name after a zone word (adversarial run r19)
  it('a total by its words, a date, a placeholder and the zone after a zone word are refused, each with its reason; the date is never shown', async () => {
    const refused = ['Totaal zone', 'Subtotaal', 'Alle wijken samen', 'Gehele zone', 'Hele gebied', 'Zone entière', 'Sum', 'Σ', 'Ganse zone', 'Gemiddelde', 'Moyenne', 'Overall', '-', '.', '...', '1985-07-30', '29/02/2025', '30.07.1985', 'Politiezone Schelde-Leie', 'Zone Schelde-Leie', 'PZ Schelde-Leie (zone)'];
    const stored = ['Oudegem', 'Zone Nord', '999', 'Schelde-Leie'];
    const dir = workdir().write({
      'safety-scan.yaml': 'zone: PZ Schelde-Leie\n',
      'pop.csv': `district|sex|age_group|population\n${[...stored, ...refused].map((name) => `${name}|M|15-29|100`).join('\n')}\n`,
      'map.yaml': 'districts:\n  Oudgem: "1985-07-30"\n  Baas: "-"\n',
    });
    for (const [lang, words] of [
      ['en', ['a total or an average, not a district', 'a date, not a district', 'no letter or digit, not a district', 'the zone’s own name']],
      ['nl', ['een totaal of een gemiddelde, geen wijk', 'een datum, geen wijk', 'geen letter of cijfer, geen wijk', 'de naam van de zone zelf']],
      ['fr', ['un total ou une moyenne, pas un quartier', 'une date, pas un quartier', 'ni lettre ni chiffre, pas un quartier', 'le nom de la zone elle-même']],
    ] as const) {
      const run = await dir.run(['--lang', lang, 'import', '--dry-run', '--kind', 'population', 'pop.csv', '--json']);
      expect(run.code, explain(run)).toBe(0);
      expect(JSON.parse(run.stdout).files[0]).toMatchObject({ rows_valid: stored.length, rows_rejected: refused.length });
      for (const reason of words) expect(run.stderr).toContain(reason);
    }
    const run = await dir.run(['import', '--kind', 'population', 'pop.csv', '--json']);
    const rejects = readFileSync(JSON.parse(run.stdout).files[0].rejects_file as string, 'utf8');
    expect(rejects).toContain('`Totaal zone` in district names the total or the average of the districts');
    expect(rejects).toContain('the value in district is a date, not a district');
    expect(rejects).toContain('`...` in district has no letter or digit');
    for (const date of ['1985', '29/02', '30.07']) expect(run.stdout + run.stderr + rejects, date).not.toContain(date);
    const status = await dir.run(['status', '--json']);
    expect(status.stdout).not.toMatch(/Totaal zone|Subtotaal|1985/);
    // a `districts:` rename to a date or a placeholder is refused as the cell is (exit 4), the date not shown
    const validate = await dir.run(['validate', 'map.yaml'], { env: { COLUMNS: '400' } });
    expect(validate.code, explain(validate)).toBe(4);
    expect(validate.stdout).toContain('map.yaml:2: `districts.Oudgem` renames to a date or to a name without a letter or digit, not a district');
    expect(validate.stdout).toContain('map.yaml:3: `districts.Baas` renames to a date or to a name without a letter or digit');
    expect(validate.stdout + validate.stderr).not.toContain('1985');
  });

  // a zone named as a district of the store: the advice never doubles the zone's word (r24b F4)
  it('zone: PZ Schelde-Leie beside a district of that name is refused without suggesting “PZ PZ Schelde-Leie”', async () => {
    const dir = workdir().write({
      'p.csv': 'district;sex;age_group;population\nPZ Schelde-Leie;M;15-29;10\n',
      's.csv': 'respondent_id;wave;district;sex;age;unsafe_freq\nR1;2026;PZ Schelde-Leie;M;20;1\n',
      'safety-scan.yaml': 'weighting:\n  method: none\n',
    });
    for (const args of [['import', '--kind', 'population', 'p.csv'], ['import', '--kind', 'survey', 's.csv']]) {
      const run = await dir.run(args);
      expect(run.code, explain(run)).toBe(0);
    }
    dir.write({ 'safety-scan.yaml': 'zone: PZ Schelde-Leie\nweighting:\n  method: none\n' });
    for (const [lang, advice] of [
      ['en', 'A district named as a police zone is most likely the whole area’s row'],
      ['nl', 'Een wijk met de naam van een politiezone is wellicht de rij van de hele zone'],
      ['fr', 'Un quartier qui porte le nom d’une zone de police correspond sans doute à la ligne de l’ensemble de la zone'],
    ] as const) {
      const run = await dir.run(['--lang', lang, 'indicators']);
      expect(run.code, explain(run)).toBe(4);
      expect(run.stderr).toContain(advice);
      expect(run.stderr).not.toMatch(/(PZ|ZP) PZ|of PZ|de PZ|Stad PZ/);
    }
    // a zone without a zone word keeps the examples built from its name
    const other = workdir().write({
      'p.csv': 'district;sex;age_group;population\nOudegem;M;15-29;10\n',
      's.csv': 'respondent_id;wave;district;sex;age;unsafe_freq\nR1;2026;Oudegem;M;20;1\n',
      'safety-scan.yaml': 'weighting:\n  method: none\n',
    });
    for (const args of [['import', '--kind', 'population', 'p.csv'], ['import', '--kind', 'survey', 's.csv']]) expect((await other.run(args)).code).toBe(0);
    other.write({ 'safety-scan.yaml': 'zone: Oudegem\nweighting:\n  method: none\n' });
    const plain = await other.run(['indicators']);
    expect(plain.code, explain(plain)).toBe(4);
    expect(plain.stderr).toContain('(such as “PZ Oudegem” or “City of Oudegem”)');
  });
});
