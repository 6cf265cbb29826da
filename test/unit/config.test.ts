// The configuration: one camelCase Settings object, defaults written once, files validated with lines.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInCodebook } from '../../src/config/codebook.js';
import { configSchema, loadSettings, RESERVED_ITEM_NAMES } from '../../src/config/config.js';
import { surveyHandler } from '../../src/ingest/kinds/survey.js';
import { DEFAULTS, defaultSettings } from '../../src/config/settings.js';
import { configTemplate } from '../../src/config/template.js';
import { parseYaml, personalConfigCode, validateYaml } from '../../src/config/yaml.js';
import { BUILT_IN_INDICATORS, BUILT_IN_ITEMS, PROBLEM_THEMES } from '../../src/config/codebook.js';
import { ORGANISATION_TYPES, SIGNAL_SOURCES } from '../../src/ingest/kinds/partner-codes.js';
import { parseGoals } from '../../src/goals/file.js';
import { translator } from '../../src/i18n/index.js';
import { configError } from '../helpers/errors.js';
import { scratchFolder } from '../helpers/scratch.js';


function settingsFrom(text: string) {
  const dir = scratchFolder('safety-scan-config-');
  writeFileSync(join(dir, 'safety-scan.yaml'), text);
  return loadSettings(join(dir, 'safety-scan.yaml'));
}

describe('configuration', () => {
  it('an empty file means the defaults, in camelCase', () => {
    const { path: _path, ...fromFile } = settingsFrom('{}\n');
    const { path: _none, ...defaults } = defaultSettings();
    expect(fromFile).toEqual(defaults);
    expect(defaults.estimates).toEqual({ level: 0.95, minCell: 10, minNEff: 30, maxCiWidth: 0.3, maxRelWidth: 1.3 });
  });

  it('the file’s snake_case keys become the settings’ camelCase fields', () => {
    const settings = settingsFrom('estimates:\n  level: 0.9\n  min_cell: 20\ncheck:\n  gap_top: 5\nweighting:\n  collapse_empty_cells: true\n');
    expect(settings.estimates).toMatchObject({ level: 0.9, minCell: 20 });
    expect(settings.check).toEqual({ ...DEFAULTS.check, gapTop: 5 });
    expect(settings.weighting.collapseEmptyCells).toBe(true);
  });

  it('init’s template holds exactly the defaults', () => {
    const { path: _path, codebook: _codebook, lang: _lang, store: _store, ...fromTemplate } = settingsFrom(configTemplate(translator('en')));
    expect(fromTemplate).toEqual(DEFAULTS);
  });

  it('a wrong value names its key and line, in the reader’s language', () => {
    const error = configError(() => validateYaml(parseYaml('safety-scan.yaml', 'lang: nl\nestimates:\n  min_cell: -1\n'), configSchema));
    expect(error.location).toEqual({ file: 'safety-scan.yaml', line: 3 });
    expect(error.detail.params.key).toBe('estimates.min_cell');
    expect(translator('en').message(error.detail)).toBe('`estimates.min_cell`: too small: at least 1');
    expect(translator('nl').message(error.detail)).not.toMatch(/Too small|expected/);
    expect(translator('fr').message(error.detail)).not.toMatch(/Too small|expected/);
  });

  it('a wrong kind of value, a bound or a choice is worded wholly in the reader’s language, type names too (adversarial run r7, F9)', () => {
    // zod's own Dutch leaves `number`, `string`, `Buffer` and `(top level)` in English
    const ENGLISH = /\b(number|string|Buffer|boolean|array|object|undefined|expected|received|Too|Invalid|top level)\b/;
    const wrong = (text: string) => configError(() => validateYaml(parseYaml('safety-scan.yaml', text), configSchema));
    const cases = [
      { text: 'estimates:\n  level: "x"\n', line: 2, nl: '`estimates.level`: verwacht: een getal, gevonden: een tekst', fr: '`estimates.level`\u202f: attendu\u202f: un nombre, trouvé\u202f: un texte' },
      { text: 'estimates:\n  level: 0.2\n', line: 2, nl: '`estimates.level`: te klein: moet groter zijn dan 0.5', fr: '`estimates.level`\u202f: trop petit\u202f: doit être supérieur à 0.5' },
      { text: 'estimates:\n  min_cell: 2.5\n', line: 2, nl: '`estimates.min_cell`: verwacht: een geheel getal, gevonden: een getal met decimalen', fr: '`estimates.min_cell`\u202f: attendu\u202f: un nombre entier, trouvé\u202f: un nombre décimal' },
      { text: 'weighting:\n  method: rak\n', line: 2, nl: '`weighting.method`: verwacht: een van `rake`, `poststratify`, `none`', fr: '`weighting.method`\u202f: attendu\u202f: une valeur parmi `rake`, `poststratify`, `none`' },
      { text: 'estimates:\n  level: !!binary aGVsbG8=\n', line: 2, nl: '`estimates.level`: verwacht: een getal, gevonden: een waarde waarvan het type met een YAML-tag is opgegeven (zoals `!!binary` of `!!timestamp`)', fr: '`estimates.level`\u202f: attendu\u202f: un nombre, trouvé\u202f: une valeur typée par une étiquette YAML (comme `!!binary` ou `!!timestamp`)' },
      // a Date passed for a map of defaults (adversarial run r19b, F4 d)
      { text: 'weighting: !!timestamp 2001-01-01\n', line: 1, nl: '`weighting`: verwacht: sleutels met waarden, gevonden: een waarde waarvan het type met een YAML-tag is opgegeven (zoals `!!binary` of `!!timestamp`)', fr: '`weighting`\u202f: attendu\u202f: des clés avec leurs valeurs, trouvé\u202f: une valeur typée par une étiquette YAML (comme `!!binary` ou `!!timestamp`)' },
      { text: '- a\n', line: 1, nl: '`(hoogste niveau)`: verwacht: sleutels met waarden, gevonden: een lijst', fr: '`(niveau supérieur)`\u202f: attendu\u202f: des clés avec leurs valeurs, trouvé\u202f: une liste' },
    ];
    for (const { text, line, nl, fr } of cases) {
      const error = wrong(text);
      expect(error.location).toEqual({ file: 'safety-scan.yaml', line });
      expect(translator('nl').message(error.detail)).toBe(nl);
      expect(translator('fr').message(error.detail)).toBe(fr);
      expect(translator('nl').message(error.detail)).not.toMatch(ENGLISH);
      expect(translator('fr').message(error.detail)).not.toMatch(ENGLISH);
    }
    expect(translator('en').message(wrong('- a\n').detail)).toBe('`(top level)`: expected keys with values, found a list');
  });

  it('a whole number past the safe range is said to be too large, in the reader’s language, never zod’s English (adversary r18b)', () => {
    const ENGLISH = /Too big|Too small|expected|int\b|9007199254740991/;
    const cases = [
      { error: configError(() => validateYaml(parseYaml('safety-scan.yaml', 'estimates:\n  min_cell: 9007199254740993\n'), configSchema)), key: 'estimates.min_cell', big: true },
      {
        error: configError(() => parseGoals('goals.yaml', 'goals:\n  - { id: g1, indicator: unsafe_often, direction: decrease, baseline: { wave: 2023 }, target: 0.1, deadline: 99999999999999999999 }\n')),
        key: 'goals.0.deadline',
        big: true,
      },
      {
        error: configError(() => parseGoals('goals.yaml', 'goals:\n  - { id: g1, indicator: unsafe_often, direction: decrease, baseline: { wave: 2023 }, target: 0.1, deadline: -99999999999999999999 }\n')),
        key: 'goals.0.deadline',
        big: false,
      },
    ];
    for (const { error, key, big } of cases) {
      expect(translator('en').message(error.detail)).toBe(`\`${key}\`: ${big ? 'too large: a number this large' : 'too small: a number this far below zero'} cannot be used here`);
      expect(translator('nl').message(error.detail)).toMatch(big ? /^`[^`]+`: te groot: / : /^`[^`]+`: te klein: /);
      expect(translator('fr').message(error.detail)).toMatch(big ? /^`[^`]+`\u202f: trop grand\u202f: / : /^`[^`]+`\u202f: trop petit\u202f: /);
      for (const lang of ['en', 'nl', 'fr'] as const) expect(translator(lang).message(error.detail)).not.toMatch(ENGLISH);
    }
  });

  it('a whole number past both the safe range and its key’s own bound is named by the key’s bound', () => {
    // `min_cell: -99…` is past its own `at least 1` too: that bound says more (validateYaml shows the first issue)
    const error = configError(() => validateYaml(parseYaml('safety-scan.yaml', 'estimates:\n  min_cell: -99999999999999999999\n'), configSchema));
    expect(translator('en').message(error.detail)).toBe('`estimates.min_cell`: too small: at least 1');
  });

  it('a blank zone name or one holding a control character or a line break is refused at its line, as a district’s name is (adversary r18b)', () => {
    const zone = (value: string) => configError(() => validateYaml(parseYaml('safety-scan.yaml', `lang: en\nzone: ${value}\n`), configSchema));
    for (const blank of ['""', '"   "', "''"]) {
      const error = zone(blank);
      expect(error.location).toEqual({ file: 'safety-scan.yaml', line: 2 });
      expect(translator('en').message(error.detail)).toBe('`zone`: a blank name: write the zone’s name, or leave `zone:` out');
      expect(translator('nl').message(error.detail)).toBe('`zone`: een lege naam: schrijf de naam van de zone, of laat `zone:` weg');
      expect(translator('fr').message(error.detail)).toBe('`zone`\u202f: un nom vide\u202f: écrivez le nom de la zone, ou omettez `zone:`');
    }
    for (const odd of ['"PZ \\e[31mRed"', '"PZ\\u009bGent"', '"PZ\\nGent"', '"PZ\\tGent"']) {
      const error = zone(odd);
      expect(error.location.line, odd).toBe(2);
      expect(translator('en').message(error.detail), odd).toMatch(/^`zone`: a name holding a control character or a line break/);
    }
    expect(settingsFrom('zone: PZ Schelde-Leie\n').zone).toBe('PZ Schelde-Leie');
  });

  it('.nan and .inf are named as not a finite number, never "expected a number, found a number" (adversarial run r12, finding 17)', () => {
    for (const value of ['.nan', '.inf', '-.inf']) {
      const error = configError(() => validateYaml(parseYaml('safety-scan.yaml', `estimates:\n  level: ${value}\n`), configSchema));
      expect(translator('en').message(error.detail)).toBe('`estimates.level`: expected a number, found a value that is not a finite number (`.nan` or `.inf`)');
      expect(error.location.line).toBe(2);
    }
  });

  it('a number with decimals where a whole number (or a year) is needed is named as such, never "expected a whole number, found a number"', () => {
    const error = configError(() => validateYaml(parseYaml('safety-scan.yaml', 'estimates:\n  min_cell: 2.5\n'), configSchema));
    expect(translator('en').message(error.detail)).toBe('`estimates.min_cell`: expected a whole number, found a number with decimals');
    const goal = configError(() =>
      parseGoals('goals.yaml', 'goals:\n  - { id: g1, indicator: unsafe_often, direction: decrease, baseline: { wave: 2023 }, target: 0.1, deadline: 2029.5 }\n'),
    );
    expect(translator('nl').message(goal.detail)).toBe('`goals.0.deadline`: verwacht: een tekst of een geheel getal, gevonden: een getal met decimalen');
  });

  it('a decimal comma in a flow mapping names the key as written and says to write a point (adversarial run r14, item 6)', () => {
    // YAML reads `{fdr: 0,05}` as `fdr: 0` and a key `05` (the number 5) without a value
    const error = configError(() => validateYaml(parseYaml('safety-scan.yaml', 'compare: {fdr: 0,05}\n'), configSchema));
    expect(error.detail).toEqual({ key: 'config.unknown_key', params: { key: 'compare.05' } });
    expect(error.hint).toEqual({ key: 'hint.decimal_comma', params: { value: '0,05', number: '0.05' } });
    expect(error.location.line).toBe(1);
    // a flow mapping's real keys of digits are not taken for a decimal comma
    const plain = configError(() => validateYaml(parseYaml('safety-scan.yaml', 'compare: {fdr: 0.05, 7: 1}\n'), configSchema));
    expect(plain.hint).toBeUndefined();
  });

  it('an unknown key is named with its line', () => {
    const error = configError(() => validateYaml(parseYaml('safety-scan.yaml', 'weighting:\n  methd: rake\n'), configSchema));
    expect(error.detail).toEqual({ key: 'config.unknown_key_suggest', params: { key: 'weighting.methd', suggestion: 'method' } });
    const far = configError(() => validateYaml(parseYaml('safety-scan.yaml', 'weighting:\n  colour: blue\n'), configSchema));
    expect(far.detail).toEqual({ key: 'config.unknown_key', params: { key: 'weighting.colour' } });
    expect(error.location.line).toBe(2);
  });

  it('a level given as a percentage gets a hint', () => {
    const error = configError(() => validateYaml(parseYaml('safety-scan.yaml', 'estimates:\n  level: 95\n'), configSchema));
    expect(error.detail.params.key).toBe('estimates.level');
    expect(translator('en').message(error.hint!)).toBe('this is a proportion between 0 and 1: write 0.95 for 95%.');
  });

  it('an item whose answer codes repeat is refused (a share or score could not tell them apart)', () => {
    const error = configError(() => settingsFrom('codebook:\n  items:\n    odd:\n      values: [1, 1, 1]\n'));
    expect(error.detail.params.key).toBe('codebook.items.odd.values');
    expect(translator('en').message(error.detail)).toContain('the answer codes must all be different');
    expect(configError(() => settingsFrom('codebook:\n  items:\n    odd:\n      values: [1]\n')).detail.params.key).toBe('codebook.items.odd.values');
  });

  it('a built-in item or indicator is not redefined: exit 4 on its line (adversarial run r12, finding 6)', () => {
    const indicator = configError(() => settingsFrom('zone: X\nindicators:\n  - { id: unsafe_often, type: share, item: unsafe_freq, values: [5] }\n'));
    expect(indicator.detail).toEqual({ key: 'config.built_in_indicator', params: { key: 'indicators.0.id', value: 'unsafe_often' } });
    expect(indicator.location).toEqual({ file: 'safety-scan.yaml', line: 3 });
    const item = configError(() => settingsFrom('codebook:\n  items:\n    police_satisfaction: { values: [1, 2, 3] }\n'));
    expect(item.detail).toEqual({ key: 'config.built_in_item', params: { key: 'codebook.items.police_satisfaction', value: 'police_satisfaction' } });
    expect(item.location.line).toBe(3);
    expect(translator('en').message(item.detail)).toContain('is a built-in item');
  });

  // an item named as a survey's own column was planned twice and stopped every survey import with exit 70, and an
  // indicator named as a monitor table's bound was read as that bound (adversarial run r24, F1)
  it.each(['district', 'wave', 'sex', 'age', 'respondent_id', 'birth_year', 'weight', 'age_group', 'submitdate', 'seed', 'startlanguage', 'token', 'firstname'])(
    'an item named %s, a column the survey reads itself, is refused at its line',
    (name) => {
      const error = configError(() => settingsFrom(`codebook:\n  items:\n    ${name}:\n      values: [1, 2, 3]\n`));
      expect(error.detail).toEqual({ key: 'config.reserved_item', params: { key: `codebook.items.${name}`, value: name } });
      expect(error.location.line).toBe(3);
    },
  );

  it.each(['unsafe_often_ci_low', 'mine_ci_high', 'area', 'value', 'n', 'indicator'])('an indicator named %s, a monitor table\'s column, is refused at its line', (id) => {
    const error = configError(() => settingsFrom(`indicators:\n  - { id: ${id}, type: mean, item: unsafe_freq }\n`));
    expect(error.detail).toEqual({ key: 'config.reserved_indicator', params: { key: 'indicators.0.id', value: id } });
    expect(error.location.line).toBe(2);
  });

  it('every column the survey reads whatever its codebook is a reserved item name', () => {
    const columns = surveyHandler.layout(builtInCodebook()).columns.filter((column) => column.type !== 'item').map((column) => column.name);
    expect(columns.filter((name) => !RESERVED_ITEM_NAMES.has(name))).toEqual([]);
  });

  it('an indicator defined twice in the file is refused naming both lines, never the last one winning', () => {
    const text = 'indicators:\n  - { id: mine, type: mean, item: unsafe_freq }\n  - { id: other, type: mean, item: unsafe_dark }\n  - { id: mine, type: share, item: unsafe_freq, values: [5] }\n';
    const error = configError(() => settingsFrom(text));
    expect(error.detail).toEqual({ key: 'config.indicator_twice', params: { key: 'indicators.2.id', value: 'mine', first_line: 2 } });
    expect(error.location.line).toBe(4);
  });

  it('a share’s value that is no answer code of its item is refused at its line, in `validate` too (adversarial run r15, finding F2)', () => {
    const typo = configError(() => settingsFrom('zone: X\nindicators:\n  - { id: share_typo, type: share, item: unsafe_freq, values: [4, 45] }\n'));
    expect(typo.detail).toEqual({ key: 'config.value_not_code', params: { key: 'indicators.0.values.1', value: '45', item: 'unsafe_freq', codes: '1, 2, 3, 4, 5' } });
    expect(typo.location).toEqual({ file: 'safety-scan.yaml', line: 3 });
    expect(translator('en').message(typo.detail)).toContain('`45` is not an answer code of item `unsafe_freq`');
    const below = configError(() => settingsFrom('indicators:\n  - id: victim_none\n    type: share\n    item: victim_any\n    values:\n      - 1\n      - -1\n'));
    expect(below.detail.params).toMatchObject({ key: 'indicators.0.values.1', value: '-1', codes: '0, 1' });
    expect(below.location.line).toBe(7);
    // a local item's codes are its own
    const local = 'codebook:\n  items:\n    mine: { values: [10, 20, 30] }\nindicators:\n  - { id: mine_high, type: share, item: mine, values: [30] }\n';
    expect(settingsFrom(local).codebook.indicators.at(-1)).toMatchObject({ id: 'mine_high', values: [30] });
    expect(configError(() => settingsFrom(local.replace('values: [30]', 'values: [3]'))).detail.params).toMatchObject({ value: '3', item: 'mine', codes: '10, 20, 30' });
  });

  it('a score’s item weights are bounded, so none can overflow or vanish in its sums (adversarial run r15, finding F2)', () => {
    const score = (weights: string) => `zone: X\nindicators:\n  - { id: s, type: score, items: [unsafe_freq, unsafe_dark], item_weights: ${weights}, min_items: 2 }\n`;
    for (const weights of ['[1e308, 1e308]', '[5e-324, 5e-324]', '[1, 2000000]', '[0, 1]', '[1, .inf]']) {
      const error = configError(() => settingsFrom(score(weights)));
      expect(error.detail.key, weights).toBe('config.invalid');
      expect(error.location.line, weights).toBe(3);
    }
    expect(translator('en').message(configError(() => settingsFrom(score('[1e308, 1]'))).detail)).toContain('1000000');
    expect(settingsFrom(score('[0.000001, 1000000]')).codebook.indicators.at(-1)).toMatchObject({ itemWeights: [1e-6, 1e6] });
  });

  it('a score’s min_items above its number of items, a repeated item or a wrong number of weights is refused at its line (adversarial run r16, findings F1 and F6)', () => {
    const score = (rest: string) => `zone: X\nindicators:\n  - id: s\n    type: score\n${rest}`;
    const above = configError(() => settingsFrom(score('    items: [unsafe_freq, unsafe_dark]\n    min_items: 3\n')));
    expect(above.detail).toEqual({ key: 'config.min_items_above_items', params: { key: 'indicators.0.min_items', value: '3', items: '2' } });
    expect(above.location).toEqual({ file: 'safety-scan.yaml', line: 6 });
    expect(translator('en').message(above.detail)).toContain('use a `min_items` from 1 to 2');
    expect(settingsFrom(score('    items: [unsafe_freq, unsafe_dark]\n    min_items: 2\n')).codebook.indicators.at(-1)).toMatchObject({ minItems: 2 });
    const twice = configError(() => settingsFrom(score('    items:\n      - unsafe_freq\n      - unsafe_dark\n      - unsafe_freq\n')));
    expect(twice.detail).toEqual({ key: 'config.item_twice', params: { key: 'indicators.0.items.2', value: 'unsafe_freq' } });
    expect(twice.location.line).toBe(8);
    for (const weights of ['[1]', '[1, 2, 3]']) {
      const error = configError(() => settingsFrom(score(`    items: [unsafe_freq, unsafe_dark]\n    item_weights: ${weights}\n`)));
      expect(error.detail, weights).toEqual({ key: 'config.item_weights_count', params: { key: 'indicators.0.item_weights', value: String(weights.split(',').length), weights: weights.split(',').length, items: '2' } });
      expect(error.location.line, weights).toBe(6);
      expect(translator('en').message(error.detail)).toContain('give 2 weights, one per item');
    }
    const one = configError(() => settingsFrom(score('    items: [unsafe_freq, unsafe_dark]\n    item_weights: [1]\n'))).detail;
    expect(translator('en').message(one)).toContain('1 weight given for a score of 2 items');
    expect(translator('nl').message(one)).toContain('1 gewicht opgegeven');
    expect(translator('fr').message(one)).toContain('1 poids fourni pour');
  });

  it('two renames of one district name (case aside) are refused naming both lines, never the last winning (adversarial run r12, finding 7)', () => {
    const twice = configError(() => settingsFrom('districts:\n  Sint Denijs: Baasrode\n  sint-denijs: Mariakerke\n'));
    expect(twice.detail).toEqual({
      key: 'config.district_renamed_twice',
      params: { key: 'districts.sint-denijs', value: 'Mariakerke', other: 'Sint Denijs', other_value: 'Baasrode', first_line: 2 },
    });
    expect(twice.location.line).toBe(3);
    const spelt = configError(() => settingsFrom('districts:\n  Old: Appels\n  Oud: APPELS\n'));
    expect(spelt.detail).toEqual({ key: 'config.district_spelt_twice', params: { key: 'districts.Oud', value: 'APPELS', other: 'Old', other_value: 'Appels', first_line: 2 } });
    expect(spelt.location.line).toBe(3);
    // the same rename written twice in two spellings of the name is one rename, and two names may go to one district
    expect(settingsFrom('districts:\n  Sint Denijs: Baasrode\n  SINT-DENIJS: Baasrode\n  Old: Baasrode\n').districts).toBeDefined();
  });

  it('a rename to a name with a control character or a word mixing alphabets is refused, as such a district cell is (adversarial run r17)', () => {
    for (const [yaml, value] of [
      ['districts:\n  Oud: "Appels\\e[2J"\n', 'Appels\u001b[2J'],
      ['districts:\n  Oud: Wh\u043ele area\n', 'Wh\u043ele area'],
      ['districts:\n  Oud: "G\u0435nt\\x7f"\n', 'G\u0435nt\u007f'],
    ] as const) {
      const error = configError(() => settingsFrom(yaml));
      expect(error.detail.key, yaml).toBe('config.district_name_characters');
      expect(error.detail.params.key).toBe('districts.Oud');
      expect(String(error.detail.params.value)).toBe(value);
      expect(error.location.line).toBe(2);
    }
    // whole words in Cyrillic or Greek are names like any other
    expect(settingsFrom('districts:\n  Kyiv: Київ\n  Athina: Αθήνα\n').districts).toBeDefined();
  });

  it('our own rules read in the reader’s language', () => {
    const error = configError(() => settingsFrom('indicators:\n  - { id: Bad-Id, type: mean, item: unsafe_freq }\n'));
    expect(translator('nl').message(error.detail)).toContain('gebruik kleine letters');
  });
});

// adversarial run r29, item 1: codes the configuration declares were accepted, printed by `codebook` and stored
// (an item `tel_0470123456` named the survey's column), while import refused an organisation type `kerkstraat_12`
describe('a declared code that holds personal data', () => {
  const item = (name: string) => `codebook:\n  items:\n    ${name}: { values: [1, 2] }\n`;
  const cases: Array<[string, string, string, number]> = [
    ['an item', item('tel_0470123456'), 'codebook.items.***', 3],
    ['an item', item('dhr_peeters'), 'codebook.items.***', 3],
    ['an item', item('kerkstraat_12'), 'codebook.items.***', 3],
    ['an indicator', 'indicators:\n  - { id: be71096123456769, type: mean, item: unsafe_freq }\n', 'indicators.0.id', 2],
    ['an indicator', 'indicators:\n  - { id: mgr_peeters, type: mean, item: unsafe_freq }\n', 'indicators.0.id', 2],
    ['a theme', 'codebook:\n  themes:\n    - drugs\n    - lindendalbaan_12\n', 'codebook.themes.1', 4],
    ['a theme', 'codebook:\n  themes: [wijkagent_peeters]\n', 'codebook.themes.0', 2],
    ['a signal source', 'codebook:\n  signal_sources: [mgr_peeters]\n', 'codebook.signal_sources.0', 2],
    ['an organisation type', 'codebook:\n  organisation_types: [dhr_peeters]\n', 'codebook.organisation_types.0', 2],
    ['an organisation type', 'codebook:\n  organisation_types: [police_cafe, kerkstraat_12]\n', 'codebook.organisation_types.1', 2],
    ['an organisation type', 'codebook:\n  organisation_types: [tel_0470123456]\n', 'codebook.organisation_types.0', 2],
    ['an indicator’s item', 'indicators:\n  - { id: x_mean, type: mean, item: tel_0470123456 }\n', 'indicators.0.item', 2],
    ['a covariate’s theme', 'small_areas:\n  covariates:\n    - key_figures: kerkstraat_12\n', 'small_areas.covariates.0.key_figures', 3],
  ];
  it.each(cases)('%s is refused at its line, the code withheld: %j', (_what, text, key, line) => {
    const error = configError(() => settingsFrom(text));
    expect(error.detail).toEqual({ key: 'config.personal_code', params: { key } });
    expect(error.location).toEqual({ file: 'safety-scan.yaml', line });
    for (const lang of ['en', 'nl', 'fr'] as const) {
      const said = translator(lang).message(error.detail);
      expect(said).toContain(`\`${key}\``);
      expect(said).not.toMatch(/0470|peeters|kerkstraat|lindendal|71096/i);
    }
  });

  it('ordinary codes and every built-in one are accepted', () => {
    const ordinary = ['police_cafe', 'youth_work', 'unsafe_freq', 'q12_2', 'theme_3', 'zone_3', 'drugs', 'speeding', 'noise_nuisance', 'wijkagent', 'feeling_unsafe', 'street_lighting', 'pv_2023'];
    const builtIn = [
      ...BUILT_IN_ITEMS.map((builtInItem) => builtInItem.name),
      ...BUILT_IN_INDICATORS.map((definition) => definition.id),
      ...PROBLEM_THEMES,
      ...Object.keys(ORGANISATION_TYPES),
      ...Object.keys(SIGNAL_SOURCES),
    ];
    for (const code of [...ordinary, ...builtIn]) expect(personalConfigCode(code), code).toBe(false);
    const settings = settingsFrom(
      `codebook:\n  items:\n    q12_2: { values: [1, 2] }\n    police_cafe: { values: [1, 2] }\n  themes: [${ordinary.join(', ')}]\n  organisation_types: [police_cafe, youth_work]\n  signal_sources: [wijkagent, zone_3]\nindicators:\n  - { id: theme_3, type: mean, item: q12_2 }\n`,
    );
    expect(settings.codebook.organisationTypes).toEqual(['police_cafe', 'youth_work']);
  });
});
