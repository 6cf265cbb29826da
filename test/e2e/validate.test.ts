// `safety-scan validate FILE...`: configuration, goals and mapping files checked without a store, every
// problem listed with its line (exit 4), valid files exit 0; the kind told from the keys or given with --as.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileKindOf } from '../../src/config/validate.js';
import { DEMO, explain, useWorkdirs } from '../helpers/cli.js';

const workdir = useWorkdirs();

const BAD_CONFIG = `zone: PZ Test
estimates:
  level: 95
  min_cel: 3
weighting:
  method: rake
`;

const BAD_GOALS = `goals:
  - id: g1
    indicator: unsafe_oftn
    direction: decrease
    baseline: { wave: "2023" }
    target: 0.10
    deadline: "2029"
  - id: g2
    indicator: unsafe_often
    direction: decrease
    baseline: { wave: "2023", value: 0.12 }
    target: 0.2
    deadline: "2029"
  - id: g3
    indicator: unsafe_often
    direction: decrease
    baseline: { wave: "2023", value: 0.12 }
    target: 0.1
    deadline: "2029"
    themes: [youth]
`;

const BAD_MAPPING = `columns:
  district: Wijk
colums:
  age: Leeftijd
recode:
  sex: [M, V]
`;

describe('safety-scan validate', () => {
  it('valid files exit 0 and say what each is, without a store', async () => {
    const dir = workdir().write({ 'goals.yaml': readFileSync(join(DEMO, 'goals.yaml')), 'monitor.yaml': readFileSync(join(DEMO, 'monitor-mapping.yaml')) });
    const run = await dir.run(['validate', 'goals.yaml', 'monitor.yaml']);
    expect(run.code, explain(run)).toBe(0);
    expect(run.stdout).toMatch(/^goals\.yaml: goals file \(\d+ goals\), no problems\.$/m);
    expect(run.stdout).toContain('monitor.yaml: mapping file, no problems.');
    expect(run.stdout).toContain('2 files checked: 2 without problems, 0 with problems.');
  });

  it('lists every problem of every file with its line, and exits 4', async () => {
    const dir = workdir().write({ 'safety-scan.yaml': BAD_CONFIG, 'goals.yaml': BAD_GOALS, 'map.yaml': BAD_MAPPING });
    const run = await dir.run(['validate', 'safety-scan.yaml', 'goals.yaml', 'map.yaml', 'absent.yaml']);
    expect(run.code, explain(run)).toBe(4);
    const text = run.stdout.replace(/\n {4}/g, ' ');
    expect(text).toContain('safety-scan.yaml: configuration file, 2 problems:');
    expect(text).toMatch(/safety-scan\.yaml:3: `estimates\.level`/);
    expect(text).toContain('hint: this is a proportion between 0 and 1');
    expect(text).toContain('safety-scan.yaml:4: unknown key `estimates.min_cel`; did you mean `min_cell`?');
    // One problem per goal, each at its own line: the unknown indicator, the wrong side, the unknown theme.
    expect(text).toContain('goals.yaml: goals file (3 goals), 3 problems:');
    expect(text).toMatch(/goals\.yaml:3: goal g1: unknown indicator `unsafe_oftn`/);
    expect(text).toMatch(/goals\.yaml:12: goal g2: the target 0\.2 is above the baseline 0\.12/);
    expect(text).toMatch(/goals\.yaml:20: goal g3: .*`youth`.*youth_nuisance/);
    // A misspelt key is one problem, not also "columns missing"; every other problem is listed beside it.
    expect(text).toContain('map.yaml: mapping file, 2 problems:');
    expect(text).toContain('map.yaml:3: unknown key `colums`; did you mean `columns`?');
    expect(text).toMatch(/map\.yaml:6: `recode\.sex`/);
    expect(text).toMatch(/absent\.yaml: .*not found/);
    expect(text).toContain('4 files checked: 0 without problems, 4 with problems.');
  });

  it('checks goals against the configuration the run uses, and lists that configuration when it has problems', async () => {
    const config = 'indicators:\n  - { id: cohesion_ok, type: share, item: unsafe_freq, values: [1] }\n';
    const goals = 'goals:\n  - { id: c1, indicator: cohesion_ok, direction: increase, baseline: { wave: "2023", value: 0.5 }, target: 0.6, deadline: "2029" }\n';
    const good = await workdir().write({ 'safety-scan.yaml': config, 'goals.yaml': goals }).run(['validate', 'goals.yaml']);
    expect(good.code, explain(good)).toBe(0);
    expect(good.stdout).not.toContain('safety-scan.yaml');

    const broken = await workdir().write({ 'safety-scan.yaml': `${config}estimates: { level: 95 }\n`, 'goals.yaml': goals }).run(['validate', 'goals.yaml']);
    expect(broken.code, explain(broken)).toBe(4);
    expect(broken.stdout).toContain('safety-scan.yaml: configuration file, 1 problem:');
  });

  it('--json gives scripts the file, kind, catalogue code and line of each problem', async () => {
    const run = await workdir().write({ 'map.yaml': BAD_MAPPING }).run(['--lang', 'fr', 'validate', '--json', 'map.yaml']);
    expect(run.code, explain(run)).toBe(4);
    const json = JSON.parse(run.stdout);
    expect(json.valid).toBe(false);
    expect(json.files[0]).toMatchObject({ file: 'map.yaml', kind: 'mapping', valid: false, count: null });
    expect(json.files[0].problems[0]).toMatchObject({ code: 'config.unknown_key_suggest', line: 3 });
    expect(json.files[0].problems[0].message).toContain('vouliez-vous dire');
  });

  it('a configuration whose small_areas names an unknown indicator has a problem', async () => {
    const run = await workdir().write({ 'safety-scan.yaml': 'small_areas:\n  indicators: [police_satisfied, polise_satisfied]\n' }).run(['validate', 'safety-scan.yaml']);
    expect(run.code, explain(run)).toBe(4);
    expect(run.stdout).toMatch(/safety-scan\.yaml:\d+: .*polise_satisfied/);
  });

  it('a configuration that redefines a built-in indicator has a problem on its line (adversarial run r12, finding 6)', async () => {
    const dir = workdir().write({ 'local.yaml': 'indicators:\n  - { id: unsafe_often, type: share, item: unsafe_freq, values: [5] }\n' });
    const run = await dir.run(['validate', 'local.yaml']);
    expect(run.code, explain(run)).toBe(4);
    expect(run.stdout).toContain('local.yaml:2');
    expect(run.stdout).toContain('`unsafe_often` is a built-in indicator and cannot be redefined');
  });

  it('a mapping renaming a heading to a column no kind reads has a problem at its line, with the closest columns (adversarial run r19, F9)', async () => {
    const dir = workdir().write({ 'map.yaml': 'columns:\n  Wijk: distrct\n  Vraag 1: unsafe_freq\n  Q2: victim_any\n' });
    const run = await dir.run(['validate', 'map.yaml']);
    expect(run.code, explain(run)).toBe(4);
    expect(run.stdout).toContain('map.yaml: mapping file, 1 problem:');
    expect(run.stdout.replace(/\s+/g, ' ')).toContain('map.yaml:2: `columns.Wijk` names `distrct`, which is not a column safety-scan reads in any kind of file; the closest: district.');
  });

  it('a mapping whose measures: name no indicator has a problem at its line, as its import has (adversarial run r35, minor)', async () => {
    const dir = workdir().write({ 'map.yaml': 'measures:\n  unsafe_often: col0\n  unsafe_oftn: col1\n' });
    const run = await dir.run(['validate', 'map.yaml']);
    expect(run.code, explain(run)).toBe(4);
    expect(run.stdout).toContain('map.yaml: mapping file, 1 problem:');
    expect(run.stdout.replace(/\s+/g, ' ')).toContain('map.yaml:3: `measures.unsafe_oftn` names `unsafe_oftn`, which is not an indicator; the indicators, the closest first: unsafe_often');
  });

  // adversarial run r38, minor: validate said "no problems" where the import refuses the structure file
  it('a mapping whose lss: names a file the import cannot read as a structure file has a problem; a real .lss has none', async () => {
    const dir = workdir().write({ 'csv.yaml': 'lss: data.csv\n', 'data.csv': 'a,b\n', 'folder.yaml': 'lss: .\n', 'device.yaml': 'lss: /dev/zero\n', 'none.yaml': 'lss: none.lss\n', 'ok.yaml': 'lss: ok.lss\n' });
    writeFileSync(dir.path('ok.lss'), readFileSync(join(DEMO, '..', 'limesurvey', 'survey-ls5.lss')));
    const run = await dir.run(['validate', '--as', 'mapping', 'csv.yaml', 'folder.yaml', 'device.yaml', 'none.yaml', 'ok.yaml']);
    expect(run.code, explain(run)).toBe(4);
    const out = run.stdout.replace(/\s+/g, ' ');
    expect(out).toContain('data.csv:1:1: not a LimeSurvey survey structure file (.lss)');
    expect(out).toMatch(/folder\.yaml: mapping file, 1 problem: \S+: cannot read the file: it is a folder/);
    expect(out).toContain('/dev/zero: cannot read the file: it is not a regular file or folder');
    expect(out).toMatch(/none\.yaml:1: the survey structure file `\S+none\.lss` does not exist/);
    expect(out).toContain('ok.yaml: mapping file, no problems.');
  });

  it('a mapping whose districts: renames one name two ways has a problem naming both lines; an import with it exits 4 (r12, finding 7)', async () => {
    const dir = workdir().write({ 'map.yaml': 'columns:\n  district: Wijk\ndistricts:\n  Oudgem: Oudegem\n  OUDGEM: Baasrode\n' });
    const run = await dir.run(['validate', 'map.yaml']);
    expect(run.code, explain(run)).toBe(4);
    expect(run.stdout).toMatch(/map\.yaml:5: `districts\.OUDGEM` renames to `Baasrode`, but `Oudgem` on line 4/);
    const imported = await dir.write({ 's.csv': 'respondent_id,wave,Wijk,sex,age,unsafe_freq\nr1,2026,Oudgem,M,40,3\n' }).run(['import', '--kind', 'survey', '--mapping', 'map.yaml', '--dry-run', 's.csv']);
    expect(imported.code, explain(imported)).toBe(4);
    expect(imported.stderr).toContain('map.yaml:5');
  });

  it.each([
    ['en', 'expected a text or a number, found an empty value', 'expected a text or a number, found a list', 'an empty key', 'missing (expected: a text or a number)'],
    ['nl', 'verwacht: een tekst of een getal, gevonden: een lege waarde', 'verwacht: een tekst of een getal, gevonden: een lijst', 'een lege sleutel', 'ontbreekt (verwacht: een tekst of een getal)'],
    ['fr', 'attendu\u202f: un texte ou un nombre, trouvé\u202f: une valeur vide', 'attendu\u202f: un texte ou un nombre, trouvé\u202f: une liste', 'clé vide', 'manquant (attendu\u202f: un texte ou un nombre)'],
  ])('--lang %s: a value of no kind a key takes says the kinds it takes, never only "invalid input" (r12 low, finding 1)', async (lang, empty, list, emptyKey, missing) => {
    const mapping = 'recode:\n  sex:\n    M: null\nmissing: [1, "2", null]\nconstants:\n  wave: [2026]\ndistricts:\n  "": Oudegem\nmeasures:\n  unsafe_often: { value: a }\n';
    const goals = 'goals:\n  - { id: g1, indicator: unsafe_often, direction: decrease, baseline: { wave: "2023" }, target: 0.1 }\n';
    const run = await workdir().write({ 'map.yaml': mapping, 'goals.yaml': goals }).run(['--lang', lang, 'validate', 'map.yaml', 'goals.yaml'], { env: { COLUMNS: '200' } });
    expect(run.code, explain(run)).toBe(4);
    expect(run.stdout).toContain(`map.yaml:3: \`recode.sex.M\`${lang === 'fr' ? '\u202f' : ''}: ${empty}`);
    // the list is of the kind `missing:` takes: the problem is its third item
    expect(run.stdout).toContain(`map.yaml:4: \`missing.2\`${lang === 'fr' ? '\u202f' : ''}: ${empty}`);
    expect(run.stdout).toContain(`map.yaml:6: \`constants.wave\`${lang === 'fr' ? '\u202f' : ''}: ${list}`);
    expect(run.stdout).toMatch(new RegExp(`map\\.yaml:8: \`districts\\.""\`.*${emptyKey}`));
    expect(run.stdout).toMatch(/map\.yaml:10: `measures\.unsafe_often\.ci_low`/);
    expect(run.stdout).toContain(`goals.yaml:2: \`goals.0.deadline\`${lang === 'fr' ? '\u202f' : ''}: ${missing}`);
    expect(run.stdout).not.toMatch(/Invalid input|Ongeldige invoer|Entrée invalide|Invalid key|Ongeldige key/);
  });

  it('--as checks a file as the kind given', async () => {
    const run = await workdir().write({ 'x.yaml': 'zone: PZ Test\n' }).run(['validate', '--as', 'mapping', 'x.yaml']);
    expect(run.code, explain(run)).toBe(4);
    expect(run.stdout).toContain('unknown key `zone`');
  });

  it.each(['nl', 'fr'])('--lang %s speaks the language and fits 80 columns', async (lang) => {
    const run = await workdir().write({ 'goals.yaml': BAD_GOALS }).run(['--lang', lang, 'validate', 'goals.yaml'], { env: { COLUMNS: '80' } });
    expect(run.code, explain(run)).toBe(4);
    expect(run.stdout).toContain(lang === 'nl' ? 'doelstellingenbestand (3 doelstellingen), 3 problemen' : 'fichier d’objectifs (3 objectifs), 3 problèmes');
    expect(Math.max(...run.stdout.split('\n').map((line) => [...line].length))).toBeLessThanOrEqual(80);
  });

  it('says a configuration, goals or mapping file must be UTF-8: a UTF-16 one, or a byte of another encoding, is never parsed as garbled YAML', async () => {
    const goals = readFileSync(join(DEMO, 'goals.yaml'), 'utf8');
    const dir = workdir().write({
      'goals16.yaml': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(goals, 'utf16le')]),
      'config16.yaml': Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('estimates:\n  level: 0.9\n', 'utf16le').swap16()]),
      'config1252.yaml': Buffer.from('estimates:\n  level: 0.9\n# caf\xe9\n', 'latin1'),
    });
    const check = await dir.run(['check', '--goals', 'goals16.yaml']);
    expect(check.code, explain(check)).toBe(4);
    expect(check.stderr).toContain('goals16.yaml: the file is written in UTF-16 (it begins with a UTF-16 byte-order mark); configuration, goals and mapping files must be UTF-8.');
    expect(check.stderr).not.toContain('expected keys with values');
    const status = await dir.run(['--config', 'config16.yaml', 'status']);
    expect(status.code, explain(status)).toBe(4);
    expect(status.stderr).toContain('config16.yaml: the file is written in UTF-16');
    const latin = await dir.run(['--lang', 'nl', 'validate', 'config1252.yaml']);
    expect(latin.code, explain(latin)).toBe(4);
    expect(latin.stdout).toContain('config1252.yaml:3: byte 0xE9 is geen geldige UTF-8; configuratie-, doelen- en koppelbestanden moeten UTF-8 zijn.');
  });

  // Node reads each argument as UTF-8, with U+FFFD for a byte that is not; Linux file systems take any bytes, macOS's refuse such a name
  it.runIf(process.platform === 'linux')('says a configuration or goals file whose name is not UTF-8 is there, its byte escaped, never "not found" (exit 4)', async () => {
    const dir = workdir();
    writeFileSync(Buffer.concat([Buffer.from(dir.path('bad')), Buffer.from([0xff]), Buffer.from('.yaml')]), 'estimates:\n  level: 0.9\n');
    const said = 'bad\\xff.yaml: the file is there, but its name holds bytes that are not UTF-8 (shown as `\\xNN`), so it cannot be opened by the name given here';
    for (const args of [['--config', 'bad\ufffd.yaml', 'status'], ['check', '--goals', 'bad\ufffd.yaml'], ['validate', 'bad\ufffd.yaml']]) {
      const run = await dir.run(args);
      expect(run.code, `${args.join(' ')}: ${explain(run)}`).toBe(4);
      expect(run.stdout + run.stderr).toContain(said);
      expect(run.stdout + run.stderr).not.toContain('\ufffd');
    }
    const missing = await dir.run(['--config', 'other\ufffd.yaml', 'status']);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toMatch(/other\ufffd\.yaml: file not found/);
  });

  it('a share value that is no answer code of its item, or a score weight out of range, is a problem at its line (adversarial run r15, finding F2)', async () => {
    const config = 'zone: X\nindicators:\n  - { id: share_typo, type: share, item: unsafe_freq, values: [45] }\n';
    const run = await workdir().write({ 'safety-scan.yaml': config }).run(['validate', 'safety-scan.yaml']);
    expect(run.code, explain(run)).toBe(4);
    const text = run.stdout.replace(/\n {4}/g, ' ');
    expect(text).toContain('safety-scan.yaml:3: `indicators.0.values.0`: `45` is not an answer code of item `unsafe_freq`');
    expect(text).toContain('use the codes of the item: 1, 2, 3, 4, 5.');
    const score = 'indicators:\n  - { id: big, type: score, items: [unsafe_freq, unsafe_dark], item_weights: [1e308, 1e308] }\n';
    const weights = await workdir().write({ 'safety-scan.yaml': score }).run(['validate', 'safety-scan.yaml']);
    expect(weights.code, explain(weights)).toBe(4);
    expect(weights.stdout.replace(/\n {4}/g, ' ')).toMatch(/safety-scan\.yaml:2: `indicators\.0\.item_weights\.0`: .*at most 1000000/);
  });

  it('an item with fewer or more labels than values in a language is a problem at its line, in validate and every command (r24b F7)', async () => {
    const config = (labels: string) => `codebook:\n  items:\n    ext_a:\n      values: [1, 2, 3]\n      labels:\n${labels}`;
    const short = await workdir().write({ 'safety-scan.yaml': config('        en: [one]\n') }).run(['validate', 'safety-scan.yaml']);
    expect(short.code, explain(short)).toBe(4);
    expect(short.stdout.replace(/\n {4}/g, ' ')).toContain('safety-scan.yaml:6: `codebook.items.ext_a.labels.en`: item `ext_a` has 3 answer codes but 1 label in `en`; give one label per value');
    const dir = workdir().write({ 'safety-scan.yaml': config('        en: [one, two, three]\n        nl: [een, twee, drie, vier, vijf]\n') });
    const long = await dir.run(['validate', 'safety-scan.yaml']);
    expect(long.code, explain(long)).toBe(4);
    expect(long.stdout.replace(/\n {4}/g, ' ')).toContain('safety-scan.yaml:7: `codebook.items.ext_a.labels.nl`: item `ext_a` has 3 answer codes but 5 labels in `nl`');
    const codebook = await dir.run(['--lang', 'fr', 'codebook']);
    expect(codebook.code, explain(codebook)).toBe(4);
    expect(codebook.stderr).toContain('safety-scan.yaml:7: `codebook.items.ext_a.labels.nl`\u202f: la question `ext_a` a 3 codes de réponse mais 5 libellés en `nl`');
    const right = await workdir().write({ 'safety-scan.yaml': config('        en: [one, two, three]\n') }).run(['validate', 'safety-scan.yaml']);
    expect(right.code, explain(right)).toBe(0);
  });

  it('a score asking more answered items than it has, repeating an item or with a wrong number of weights is a problem at its line (adversarial run r16, F1, F6)', async () => {
    const check = async (config: string, expected: RegExp) => {
      const run = await workdir().write({ 'safety-scan.yaml': config }).run(['validate', 'safety-scan.yaml']);
      expect(run.code, explain(run)).toBe(4);
      expect(run.stdout.replace(/\n {4}/g, ' ')).toMatch(expected);
    };
    await check('indicators:\n  - { id: s1, type: score, items: [unsafe_freq, unsafe_dark], min_items: 3 }\n', /safety-scan\.yaml:2: `indicators\.0\.min_items`: the score has 2 items/);
    await check('indicators:\n  - { id: s1, type: score, items: [unsafe_freq, unsafe_freq] }\n', /safety-scan\.yaml:2: `indicators\.0\.items\.1`: item `unsafe_freq` is already in this score/);
    await check('indicators:\n  - { id: s1, type: score, items: [unsafe_freq, unsafe_dark], item_weights: [1, 2, 3] }\n', /safety-scan\.yaml:2: `indicators\.0\.item_weights`: 3 weights given for a score of 2 items/);
  });

  it('tells a file from its keys: a list of goals, mapping keys only, else a configuration', () => {
    expect(fileKindOf({ goals: [] })).toBe('goals');
    expect(fileKindOf({ goals: 'goals.yaml', zone: 'x' })).toBe('config');
    expect(fileKindOf({ columns: {}, recode: {} })).toBe('mapping');
    expect(fileKindOf({ columns: {}, zone: 'x' })).toBe('config');
    expect(fileKindOf(null)).toBe('config');
  });
});

describe('the zone’s name (adversary r18b)', () => {
  it.each([
    ['blank', 'zone: "   "\n', 'a blank name'],
    ['holding ESC', 'zone: "PZ \\e[2J"\n', 'a name holding a control character or a line break'],
    // a noncharacter, as a district's name with one (r20, F2: U+FFFF made a workbook that is not well-formed XML)
    ['holding U+FFFF', 'zone: "PZ \\uFFFF"\n', 'a name holding a control character or a line break'],
  ])('%s: exit 4 at its line, for validate and for a command', async (_, text, reason) => {
    const dir = workdir().write({ 'safety-scan.yaml': `lang: en\n${text}` });
    for (const args of [['validate', 'safety-scan.yaml'], ['status']]) {
      const run = await dir.run(args);
      expect(run.code, explain(run)).toBe(4);
      expect(run.stdout + run.stderr).toContain(`safety-scan.yaml:2: \`zone\`: ${reason}`);
    }
  });
});

describe('a goal title holding a noncharacter (adversarial run r20, F2: U+FFFE made a workbook that is not well-formed XML)', () => {
  it.each(['\\uFFFE', '\\uFFFF', '\\uFDD0', '\\U0010FFFE'])('%s is refused at its line as a control character is, exit 4', async (character) => {
    const goals = `goals:\n  - id: G1\n    title: "Less ${character} avoidance"\n    indicator: avoidance\n    direction: decrease\n    baseline: { wave: 2026, value: 0.6 }\n    target: 0.4\n    deadline: 2030\n`;
    const dir = workdir().write({ 'goals.yaml': goals });
    const run = await dir.run(['validate', 'goals.yaml']);
    expect(run.code, explain(run)).toBe(4);
    expect(run.stdout + run.stderr).toContain("goals.yaml:3: `goals.0.title` holds a control character");
  });
});
