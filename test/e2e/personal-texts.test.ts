// Free texts that reports print as written (a goal's title, the zone's name, labels and questions of the
// configuration) must hold no personal data: such a text is a configuration error (exit 4) at its line, the text
// never shown (adversarial run r17b, finding 2).
import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.js';
import { DEMO, explain, useWorkdirs } from '../helpers/cli.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const workdir = useWorkdirs();

const PERSONAL = ['jan.peeters@politie.be', '0475 12 34 56', 'BE68 5390 0754 7034', 'Dhr. Jan Peeters, Kerkstraat 12'];
const REAL = ['Daling woninginbraken met 10% tegen 2030', 'Onveiligheidsgevoel in Oudegem onder 20 %', 'Moins de cambriolages à Gand d’ici 2029', 'Fewer burglaries in Sint-Amandsberg by 2030'];

/** A goal per title, in file order. */
function goals(titles: readonly string[]): string {
  const goal = (title: string, i: number) =>
    `  - id: g${i}\n    title: ${JSON.stringify(title)}\n    indicator: unsafe_often\n    direction: decrease\n    baseline: { wave: 2023, value: 0.2 }\n    target: 0.1\n    deadline: 2029\n`;
  return `goals:\n${titles.map(goal).join('')}`;
}

describe('personal data in a free text', () => {
  it('real goal titles pass `validate`', async () => {
    const run = await workdir().write({ 'goals.yaml': goals(REAL) }).run(['validate', 'goals.yaml']);
    expect(run.code, explain(run)).toBe(0);
  });

  it('a goal title with an e-mail address, a phone number, an IBAN or a title, name and address is exit 4 at its line, never shown', async () => {
    const text = goals([...PERSONAL, ...REAL]);
    const lines = text.split('\n');
    const dir = workdir().write({ 'goals.yaml': text });
    const run = await dir.run(['validate', 'goals.yaml'], { env: { COLUMNS: '400' } });
    expect(run.code, explain(run)).toBe(4);
    expect(run.stdout).toContain('goals.yaml: goals file, 4 problems:');
    PERSONAL.forEach((title, i) => {
      const line = lines.findIndex((each) => each.includes(JSON.stringify(title))) + 1;
      expect(run.stdout).toContain(`goals.yaml:${line}: ${en['config.personal_text'].replace('{key}', `goals.${i}.title`)}`);
      for (const part of title.split(/[ ,]+/).filter((word) => word.length > 3)) expect(run.stdout + run.stderr).not.toContain(part);
    });
    // the same check where the goals are read for use: `check` stops at the first, exit 4
    const check = await dir.run(['check', '--goals', 'goals.yaml']);
    expect(check.code, explain(check)).toBe(4);
    expect(check.stderr).toContain(`goals.yaml:3: ${en['config.personal_text'].replace('{key}', 'goals.0.title')}`);
    expect(check.stderr).not.toContain('peeters');
  });

  it('a title per language is checked in each language', async () => {
    const text = 'goals:\n  - id: g1\n    title:\n      nl: Minder inbraken\n      en: "Fewer burglaries, call 0475 12 34 56"\n    indicator: unsafe_often\n    direction: decrease\n    baseline: { wave: 2023, value: 0.2 }\n    target: 0.1\n    deadline: 2029\n';
    const run = await workdir().write({ 'goals.yaml': text }).run(['--lang', 'nl', 'validate', 'goals.yaml']);
    expect(run.code, explain(run)).toBe(4);
    expect(run.stdout).toMatch(/goals\.yaml:5: `goals\.0\.title\.en` wordt letterlijk afgedrukt/);
    expect(run.stdout).not.toContain('0475');
  });

  it('the configuration’s zone name, answer labels, questions and indicator labels are held to the same rule, in `validate` and in every command', async () => {
    const config = [
      'zone: "PZ Test (jan.peeters@politie.be)"',
      'codebook:',
      '  items:',
      '    cohesion:',
      '      values: [1, 2]',
      '      labels: { nl: [oneens, "Mevr. Dubois"] }',
      '      question: { nl: "Bel BE68 5390 0754 7034" }',
      'indicators:',
      '  - { id: cohesion_ok, type: share, item: cohesion, values: [2], label: { en: "Cohesion, Kerkstraat 12" } }',
      '',
    ].join('\n');
    const dir = workdir().write({ 'safety-scan.yaml': config });
    const run = await dir.run(['--lang', 'fr', 'validate', 'safety-scan.yaml']);
    expect(run.code, explain(run)).toBe(4);
    for (const [line, key] of [[1, 'zone'], [6, 'codebook.items.cohesion.labels.nl.1'], [7, 'codebook.items.cohesion.question.nl'], [9, 'indicators.0.label.en']] as const) {
      expect(run.stdout).toContain(`safety-scan.yaml:${line}: \`${key}\` est repris tel quel`);
    }
    for (const part of ['peeters', 'Dubois', '5390', 'Kerkstraat']) expect(run.stdout).not.toContain(part);
    const status = await dir.run(['status']);
    expect(status.code, explain(status)).toBe(4);
    expect(status.stderr).toContain(`safety-scan.yaml:1: ${en['config.personal_text'].replace('{key}', 'zone')}`);
  });

  it('the demo’s goals pass', async () => {
    const dir = workdir().write({ 'goals.yaml': readFileSync(join(DEMO, 'goals.yaml')) });
    const run = await dir.run(['validate', 'goals.yaml']);
    expect(run.code, explain(run)).toBe(0);
  });
});

describe('a person’s label or an introduced name in a goal title (adversarial run r20b, finding 2)', () => {
  const LABELLED = ['Naam: Jan Peeters', 'Opgesteld door: MARIE DUBOIS', 'Geboortedatum: 30/07/1985', 'Melder: Marie Dubois', 'Klacht van Marie Dubois', 'Contact jan.peeters'];
  const ORDINARY = ['Contact met buurtbewoners verbeteren', 'Minder klachten over geluidsoverlast', 'Naamgeving van straten', 'Klacht van buren over lawaai halveren'];

  it('`check` stops at the first at its line, exit 4, `validate` names each; ordinary titles with these words pass', async () => {
    const text = goals([...LABELLED, ...ORDINARY]);
    const lines = text.split('\n');
    const dir = workdir().write({ 'goals.yaml': text });
    const check = await dir.run(['check', '--goals', 'goals.yaml']);
    expect(check.code, explain(check)).toBe(4);
    expect(check.stderr).toContain(`goals.yaml:3: ${en['config.personal_text'].replace('{key}', 'goals.0.title')}`);
    const run = await dir.run(['validate', 'goals.yaml'], { env: { COLUMNS: '400' } });
    expect(run.code, explain(run)).toBe(4);
    expect(run.stdout).toContain(`goals.yaml: goals file, ${LABELLED.length} problems:`);
    LABELLED.forEach((title, i) => {
      const line = lines.findIndex((each) => each.includes(JSON.stringify(title))) + 1;
      expect(run.stdout).toContain(`goals.yaml:${line}: ${en['config.personal_text'].replace('{key}', `goals.${i}.title`)}`);
    });
    for (const part of ['Peeters', 'peeters', 'DUBOIS', 'Dubois', '1985']) expect(check.stdout + check.stderr + run.stdout + run.stderr).not.toContain(part);
    const ordinary = await workdir().write({ 'goals.yaml': goals(ORDINARY) }).run(['validate', 'goals.yaml']);
    expect(ordinary.code, explain(ordinary)).toBe(0);
  });
});

describe('`districts:` renames judged as a district’s cell is (adversarial run r18b, finding 1)', () => {
  const CONFIG = ['store: s.db', 'districts:', '  Oudgem: "jan.peeters@example.com"', '  Baas: "Dhr. J. Peeters"', '  Kk: "Kerkstraat 12"', '  "0475 12 34 56": Oudegem', '  Old: Oudegem', ''].join('\n');
  const MAPPING = 'districts:\n  Zz: "+32 475 12 34 56"\n  Tt: Whole zone (as one area)\n  Uu: Totaal\n';
  const SHOWN = ['peeters', 'Peeters', 'Kerkstraat', '475'];

  it('a rename from or to personal data is exit 4 at its line in `validate`, the name never shown; to the whole area’s or a total’s name too', async () => {
    const dir = workdir().write({ 'safety-scan.yaml': CONFIG, 'map.yaml': MAPPING });
    const run = await dir.run(['validate', 'safety-scan.yaml', 'map.yaml'], { env: { COLUMNS: '400' } });
    expect(run.code, explain(run)).toBe(4);
    for (const [line, key] of [[3, 'districts.Oudgem'], [4, 'districts.Baas'], [5, 'districts.Kk'], [6, 'districts.***']] as const) {
      expect(run.stdout).toContain(`safety-scan.yaml:${line}: ${en['config.district_rename_personal'].replace('{key}', key)}`);
    }
    expect(run.stdout).toContain(`map.yaml:2: ${en['config.district_rename_personal'].replace('{key}', 'districts.Zz')}`);
    expect(run.stdout).toContain('map.yaml:3: `districts.Tt` renames to `Whole zone (as one area)`, what safety-scan calls the whole area');
    expect(run.stdout).toContain('map.yaml:4: `districts.Uu` renames to `Totaal`, a name for the total or the average of the districts');
    expect(run.stdout).not.toContain('safety-scan.yaml:7');
    for (const part of SHOWN) expect(run.stdout + run.stderr).not.toContain(part);
  });

  it('an import with such a rename stops before reading its file (exit 4), storing nothing', async () => {
    const dir = workdir().write({ 'safety-scan.yaml': CONFIG.replace('  "0475 12 34 56": Oudegem\n', ''), 'map.yaml': MAPPING });
    dir.write({ 'sv.csv': 'respondent_id;wave;district;sex;age;unsafe_freq\nR1;2026;Oudgem;F;40;1\n' });
    const run = await dir.run(['import', '--kind', 'survey', 'sv.csv']);
    expect(run.code, explain(run)).toBe(4);
    expect(run.stderr).toContain(`safety-scan.yaml:3: ${en['config.district_rename_personal'].replace('{key}', 'districts.Oudgem')}`);
    const mapped = await dir.write({ 'safety-scan.yaml': 'store: s.db\n' }).run(['import', '--kind', 'survey', '--mapping', 'map.yaml', 'sv.csv']);
    expect(mapped.code, explain(mapped)).toBe(4);
    expect(mapped.stderr).toContain(`map.yaml:2: ${en['config.district_rename_personal'].replace('{key}', 'districts.Zz')}`);
    for (const part of SHOWN) expect(run.stdout + run.stderr + mapped.stdout + mapped.stderr).not.toContain(part);
    // nothing of them in the store, if the run made one
    const stored = existsSync(dir.path('s.db')) ? readFileSync(dir.path('s.db'), 'latin1') : '';
    for (const part of SHOWN) expect(stored).not.toContain(part);
  });
});

describe('a rename and a goal’s district with a marked name after a leading word (adversarial run r20b, finding 1)', () => {
  it('are exit 4 at their lines in `validate`, the name never shown, as a district’s cell is refused', async () => {
    const config = 'store: s.db\ndistricts:\n  Baas: "Wijk J. Peeters"\n  "Zuid (Dr. Peeters)": Oudegem\n  Old: Oudegem\n';
    const goal = 'goals:\n  - id: G1\n    indicator: unsafe_often\n    district: "Noord, Kerkstraat 12"\n    direction: decrease\n    baseline: { wave: 2023 }\n    target: 0.1\n    deadline: 2029\n';
    const dir = workdir().write({ 'safety-scan.yaml': config, 'goals.yaml': goal });
    const run = await dir.run(['validate', 'safety-scan.yaml', 'goals.yaml'], { env: { COLUMNS: '400' } });
    expect(run.code, explain(run)).toBe(4);
    expect(run.stdout).toContain(`safety-scan.yaml:3: ${en['config.district_rename_personal'].replace('{key}', 'districts.Baas')}`);
    expect(run.stdout).toContain(`safety-scan.yaml:4: ${en['config.district_rename_personal'].replace('{key}', 'districts.***')}`);
    expect(run.stdout).toContain(`goals.yaml:4: ${en['goals.personal_district'].replace('{goal}', 'G1')}`);
    expect(run.stdout).not.toContain('safety-scan.yaml:5');
    expect(run.stdout + run.stderr).not.toMatch(/peeters|kerkstraat/i);
  });
});

describe('a goal’s id, printed wherever its title is (adversarial run r18b, finding 2)', () => {
  it('an id with personal data is exit 4 at its line in `validate` and `check`, never shown; ids as numbers and codes pass', async () => {
    const goal = (id: string) => `  - id: ${id}\n    title: T\n    indicator: unsafe_often\n    direction: decrease\n    baseline: { wave: 2023, value: 0.2 }\n    target: 0.1\n    deadline: 2029\n`;
    const dir = workdir().write({ 'goals.yaml': `goals:\n${goal('"jan.peeters@example.com"')}${goal('"Dhr. J. Peeters"')}${goal('7')}${goal('G-2026-01')}` });
    const run = await dir.run(['validate', 'goals.yaml'], { env: { COLUMNS: '400' } });
    expect(run.code, explain(run)).toBe(4);
    expect(run.stdout).toContain('goals.yaml: goals file, 2 problems:');
    expect(run.stdout).toContain(`goals.yaml:2: ${en['config.personal_text'].replace('{key}', 'goals.0.id')}`);
    expect(run.stdout).toContain(`goals.yaml:9: ${en['config.personal_text'].replace('{key}', 'goals.1.id')}`);
    const check = await dir.run(['check', '--goals', 'goals.yaml']);
    expect(check.code, explain(check)).toBe(4);
    expect(check.stderr).toContain(`goals.yaml:2: ${en['config.personal_text'].replace('{key}', 'goals.0.id')}`);
    expect(run.stdout + run.stderr + check.stdout + check.stderr).not.toMatch(/peeters/i);
  });
});

describe('values of a goals or configuration file that messages quote (adversarial run r18b, finding 3)', () => {
  it('`validate` refuses a goal’s district that is personal data at its line and quotes no personal data of an unknown theme or year', async () => {
    const goals = 'goals:\n  - id: G1\n    indicator: unsafe_often\n    district: "Dhr. J. Peeters"\n    direction: decrease\n    baseline: { wave: 2023 }\n    target: 0.1\n    deadline: 2029\n  - id: G2\n    indicator: unsafe_often\n    direction: decrease\n    baseline: { wave: "Kerkstraat 12" }\n    target: 0.1\n    deadline: 2029\n  - id: G3\n    indicator: unsafe_often\n    direction: decrease\n    baseline: { wave: 2023 }\n    target: 0.1\n    deadline: 2029\n    themes: ["BE71 0961 2345 6769"]\n';
    const dir = workdir().write({ 'goals.yaml': goals });
    const run = await dir.run(['validate', 'goals.yaml'], { env: { COLUMNS: '400' } });
    expect(run.code, explain(run)).toBe(4);
    expect(run.stdout).toContain(`goals.yaml:4: ${en['goals.personal_district'].replace('{goal}', 'G1')}`);
    expect(run.stdout).toContain('goals.yaml:12: goal G2: `baseline.wave` must be a year from 1900 to 2199, such as 2026, not `***`.');
    expect(run.stdout).toContain('goals.yaml:21: goal G3: unknown theme `***`');
    expect(run.stdout + run.stderr).not.toMatch(/peeters|kerkstraat|0961/i);
  });
});

describe('a line break in a free text printed on one line (adversarial run r19b, F4 b)', () => {
  // before: `title: "Speeding\n  status: achieved"` was accepted and `check` printed its lines raw, passing for its own
  const BREAKS = [['a line feed', '\\n'], ['a carriage return', '\\r'], ['a line separator', '\\u2028'], ['a paragraph separator', '\\u2029'], ['a next line (NEL)', '\\u0085'], ['a vertical tab', '\\v']] as const;

  it('in a goal title or id, each kind is exit 4 at its line in `validate`, the text never shown; `check` stops at the first', async () => {
    const goal = (id: string, title: string) =>
      `  - id: "${id}"\n    title: "${title}"\n    indicator: unsafe_often\n    direction: decrease\n    baseline: { wave: 2023, value: 0.2 }\n    target: 0.1\n    deadline: 2029\n`;
    const text = `goals:\n${BREAKS.map(([, mark], i) => goal(`g${i}`, `Speeding${mark}  status: achieved`)).join('')}${goal('g9\\nstatus', 'Fine')}`;
    const dir = workdir().write({ 'goals.yaml': text });
    const run = await dir.run(['validate', 'goals.yaml'], { env: { COLUMNS: '400' } });
    expect(run.code, explain(run)).toBe(4);
    expect(run.stdout).toContain(`goals.yaml: goals file, ${BREAKS.length + 1} problems:`);
    for (const i of BREAKS.keys()) expect(run.stdout).toContain(`goals.yaml:${3 + 7 * i}: ${en['config.text_line_break'].replace('{key}', `goals.${i}.title`)}`);
    expect(run.stdout).toContain(`goals.yaml:${2 + 7 * BREAKS.length}: ${en['config.text_line_break'].replace('{key}', `goals.${BREAKS.length}.id`)}`);
    expect(run.stdout + run.stderr).not.toContain('achieved');
    const check = await dir.run(['check', '--goals', 'goals.yaml']);
    expect(check.code, explain(check)).toBe(4);
    expect(check.stderr).toContain(`goals.yaml:3: ${en['config.text_line_break'].replace('{key}', 'goals.0.title')}`);
    expect(check.stdout + check.stderr).not.toContain('achieved');
  });

  it('in the configuration’s labels, questions and indicator labels, and the zone’s name, too', async () => {
    const config = [
      'zone: PZ Test',
      'codebook:',
      '  items:',
      '    cohesion:',
      '      values: [1, 2]',
      '      labels: { nl: [oneens, "eens\\nstatus: achieved"] }',
      '      question: { nl: "Hoe?\\rstatus: achieved" }',
      'indicators:',
      '  - { id: cohesion_ok, type: share, item: cohesion, values: [2], label: { en: "Cohesion\\u2029status: achieved" } }',
      '',
    ].join('\n');
    const dir = workdir().write({ 'safety-scan.yaml': config });
    const run = await dir.run(['--lang', 'nl', 'validate', 'safety-scan.yaml']);
    expect(run.code, explain(run)).toBe(4);
    for (const [line, key] of [[6, 'codebook.items.cohesion.labels.nl.1'], [7, 'codebook.items.cohesion.question.nl'], [9, 'indicators.0.label.en']] as const) {
      expect(run.stdout).toContain(`safety-scan.yaml:${line}: \`${key}\` bevat een regeleinde`);
    }
    expect(run.stdout + run.stderr).not.toContain('achieved');
    // the zone's own rule, which missed the line and paragraph separators
    const zone = await dir.write({ 'safety-scan.yaml': 'zone: "PZ Test\\u2028status: achieved"\n' }).run(['--lang', 'nl', 'validate', 'safety-scan.yaml']);
    expect(zone.code, explain(zone)).toBe(4);
    expect(zone.stdout).toContain('safety-scan.yaml:1: `zone`: een naam met een stuurteken of een regeleinde');
  });
});
