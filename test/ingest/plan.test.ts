// Planning columns: which file column feeds each canonical column, what is dropped, ignored or skipped,
// and which headers are refused before any row is read.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, InputError } from '../../src/errors.js';
import { translator } from '../../src/i18n/index.js';
import { planColumns } from '../../src/ingest/plan.js';
import { loadMapping, RECODE_ALL_ITEMS } from '../../src/ingest/mapping.js';
import { validateFiles } from '../../src/config/validate.js';
import { layoutOf, mapping, thrown } from './helpers.js';
import { scratchFolder } from '../helpers/scratch.js';

const survey = layoutOf('survey');
const keyfigures = layoutOf('keyfigures');
const monitor = layoutOf('monitor');
const SURVEY = ['respondent_id', 'wave', 'district', 'sex', 'age', 'unsafe_freq'];

const planned = (plan: ReturnType<typeof planColumns>) => Object.fromEntries(plan.columns.map((c) => [c.spec.name, c.index >= 0 ? c.header : `=${c.constant}`]));

describe('planColumns', () => {
  it('matches headers case-insensitively, with spaces and hyphens as underscores, in the layout’s order', () => {
    const plan = planColumns(['Unsafe-Freq', ' AGE ', 'Sex', 'District', 'Wave', 'Respondent ID'], survey, null, {}, 'a.csv');
    expect(plan.columns.map((c) => [c.spec.name, c.index])).toEqual([
      ['respondent_id', 5],
      ['wave', 4],
      ['district', 3],
      ['sex', 2],
      ['age', 1],
      ['unsafe_freq', 0],
    ]);
    expect(plan.columns.find((c) => c.spec.name === 'age')!.header).toBe('AGE');
  });

  it('renames columns through a mapping and lists renames whose column is not in the file', () => {
    const plan = planColumns(['id', 'wave', 'wijk', 'sex', 'age', 'unsafe_freq'], survey, mapping({ columns: { ID: 'respondent_id', wijk: 'district', buurt: 'district' } }), {}, 'a.csv');
    expect(planned(plan)).toMatchObject({ respondent_id: 'id', district: 'wijk' });
    expect(plan.unusedRenames).toEqual(['buurt']);
  });

  it('drops columns with direct identifiers, and those the mapping drops, from everything including rejects', () => {
    const plan = planColumns([...SURVEY, 'E-mail', 'ipaddr', 'remarks'], survey, mapping({ drop: ['Remarks'] }), {}, 'a.csv');
    expect(plan.dropped).toEqual(['E-mail', 'ipaddr', 'remarks']);
    expect([...plan.droppedIndexes]).toEqual([6, 7, 8]);
    expect(plan.ignored).toEqual([]);
  });

  it('refuses a `drop:` of a column it reads, instead of reading it anyway (an adversary\'s doubt)', () => {
    const error = thrown(() => planColumns([...SURVEY, 'remarks'], survey, mapping({ drop: ['remarks', 'District'] }), {}, 'a.csv'));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ detail: { key: 'config.mapping_drop_used', params: { entry: 'District', column: 'district' } }, location: { file: 'mapping.yaml' } });
  });

  it('ignores and lists extra columns, but not the columns of its own rejects files', () => {
    const plan = planColumns([...SURVEY, 'lastpage', 'safety_scan_line', 'safety_scan_reason', ''], survey, null, {}, 'a.csv');
    expect(plan.ignored).toEqual(['lastpage']);
  });

  it('refuses a constant for a column the file has, whose values would silently win over it (exit 4)', () => {
    const error = thrown(() => planColumns(['respondent_id', 'Jaar', 'district', 'sex', 'age', 'unsafe_freq'], survey, mapping({ columns: { Jaar: 'wave' }, constants: { Wave: 2026 } }), {}, 'a.csv'));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({
      detail: { key: 'config.mapping_constant_and_column', params: { key: 'constants.Wave', column: 'wave', header: 'Jaar', number: 2, file: 'a.csv' } },
      location: { file: 'mapping.yaml' },
    });
    expect(translator('en').message((error as ConfigError).detail)).toBe(
      "`constants.Wave` gives wave one value for the whole file, but a.csv has a column for wave (Jaar, column 2), whose values would be read instead. Remove `constants.Wave` if the file's column is right; else rename that column under `columns:` so it no longer feeds wave.",
    );
    const flagged = thrown(() => planColumns(['respondent_id', 'wave', 'district', 'm', 'f', 'age', 'unsafe_freq'], survey, mapping({ flags: { sex: { m: 'M', f: 'F' } }, constants: { sex: 'M' } }), {}, 'a.csv'));
    expect(flagged).toMatchObject({ detail: { key: 'config.mapping_constant_and_column', params: { column: 'sex', header: 'm', number: 4 } } });
  });

  it('takes constants from the mapping for columns the file lacks', () => {
    const plan = planColumns(['respondent_id', 'district', 'sex', 'age', 'unsafe_freq'], survey, mapping({ constants: { wave: 2026 } }), {}, 'a.csv');
    expect(planned(plan).wave).toBe('=2026');
  });

  it('uses --wave for files without a wave column, and keeps a wave column to check against it', () => {
    const without = planColumns(['respondent_id', 'district', 'sex', 'age', 'unsafe_freq'], survey, null, { wave: '2026' }, 'a.csv');
    expect(planned(without).wave).toBe('=2026');
    const withColumn = planColumns(SURVEY, survey, null, { wave: '2026' }, 'a.csv');
    expect(withColumn.columns.find((c) => c.spec.name === 'wave')).toMatchObject({ index: 1, constant: '2026' });
  });

  it('refuses a file without a required column, naming the columns it has', () => {
    const error = thrown(() => planColumns(['respondent_id', 'wave', 'wijk', 'sex', 'age', 'unsafe_freq'], survey, null, {}, 'a.csv'));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ detail: { key: 'input.column_missing', params: { column: 'district', columns: 'respondent_id, wave, wijk, sex, age, unsafe_freq' } }, location: { file: 'a.csv', line: 1 } });
    expect(thrown(() => planColumns(['respondent_id', 'district', 'sex', 'age', 'unsafe_freq'], survey, null, {}, 'a.csv'))).toMatchObject({ detail: { key: 'input.wave_missing' } });
  });

  it('says which kind a file looks like when it is clearly another one', () => {
    const error = thrown(() => planColumns(['interview_id', 'wave', 'district', 'organisation_type', 'theme', 'severity'], survey, null, {}, 'k.csv'));
    expect(error).toMatchObject({ detail: { key: 'input.wrong_kind', params: { kind: 'keyfigures', expected: 'survey' } } });
    expect(thrown(() => planColumns(SURVEY, keyfigures, null, {}, 's.csv'))).toMatchObject({ detail: { key: 'input.wrong_kind', params: { kind: 'survey', expected: 'keyfigures' } } });
  });

  it('refuses a survey without any item column', () => {
    expect(thrown(() => planColumns(['respondent_id', 'wave', 'district', 'sex', 'age'], survey, null, {}, 'a.csv'))).toMatchObject({ detail: { key: 'input.no_items' } });
  });

  it('refuses a column given twice', () => {
    expect(thrown(() => planColumns([...SURVEY, 'District'], survey, null, {}, 'a.csv'))).toMatchObject({
      detail: { key: 'input.duplicate_column', params: { column: 'district', first: 3, second: 7 } },
      location: { file: 'a.csv', line: 1, column: 7 },
    });
  });

  it('blames the mapping, at its line, when its rename makes a second column of one name (r12 low, finding 6)', () => {
    const dir = scratchFolder('twice-');
    try {
      const file = join(dir, 'map.yaml');
      writeFileSync(file, 'columns:\n  district: sex\n');
      const error = thrown(() => planColumns(SURVEY, survey, loadMapping(file, 'survey'), {}, 'a.csv'));
      expect(error).toBeInstanceOf(ConfigError);
      expect(error).toMatchObject({
        detail: { key: 'config.mapping_two_columns', params: { key: 'columns.district', column: 'sex', renamed_number: 3, other_number: 4, file: 'a.csv' } },
        location: { file: 'map.yaml', line: 2 },
      });
      // the renamed column after the one that has the name already: the same rename is blamed
      writeFileSync(file, 'columns:\n  unsafe_freq: district\n');
      expect(thrown(() => planColumns(SURVEY, survey, loadMapping(file, 'survey'), {}, 'a.csv'))).toMatchObject({
        detail: { key: 'config.mapping_two_columns', params: { key: 'columns.unsafe_freq', column: 'district', renamed_number: 6, other_number: 3 } },
      });
      // the renamed column before the one that has the name
      writeFileSync(file, 'columns:\n  respondent_id: wave\n');
      expect(thrown(() => planColumns(SURVEY, survey, loadMapping(file, 'survey'), {}, 'a.csv'))).toMatchObject({
        detail: { key: 'config.mapping_two_columns', params: { key: 'columns.respondent_id', column: 'wave', renamed_number: 1, renamed: 'respondent_id', other_number: 2 } },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a mapping that names a column the kind does not have', () => {
    const error = thrown(() => planColumns(SURVEY, survey, mapping({ columns: { wijk: 'neighbourhood' } }), {}, 'a.csv'));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ detail: { key: 'config.mapping_unknown_column', params: { key: 'columns.wijk', value: 'neighbourhood' } } });
    expect(thrown(() => planColumns(SURVEY, survey, mapping({ units: { age: 'percent' } }), {}, 'a.csv'))).toMatchObject({ detail: { key: 'config.mapping_no_units' } });
    expect(thrown(() => planColumns(['wave', 'area', 'indicator', 'value'], monitor, mapping({ units: { area: 'percent' } }), {}, 'm.csv'))).toMatchObject({ detail: { key: 'config.mapping_unknown_column' } });
  });

  it('recodes per column and, for items, through the mapping’s `*` table', () => {
    const plan = planColumns(SURVEY, survey, mapping({ recode: { sex: { 1: 'M' }, [RECODE_ALL_ITEMS]: { A1: 1 } } }), {}, 'a.csv');
    const recode = (name: string) => plan.columns.find((c) => c.spec.name === name)!.recode;
    expect(recode('sex')?.get('1')).toBe('M');
    expect(recode('unsafe_freq')?.get('a1')).toBe('1');
    expect(recode('age')).toBeUndefined();
  });

  it('marks proportion columns given in percent', () => {
    const plan = planColumns(['wave', 'area', 'indicator', 'value'], monitor, mapping({ units: { value: 'percent' } }), {}, 'm.csv');
    expect(plan.columns.find((c) => c.spec.name === 'value')!.percent).toBe(true);
  });

  it('keeps skip rules for columns the file has, and drops a preset’s rule for one it lacks', () => {
    const withColumn = planColumns([...SURVEY, 'submitdate'], survey, mapping({ skip: [{ column: 'submitdate', empty: true }] }), {}, 'a.csv');
    expect(withColumn.skip).toEqual([{ index: 6, header: 'submitdate', empty: true, equals: new Set() }]);
    expect(withColumn.ignored).toEqual([]);
    expect(planColumns(SURVEY, survey, mapping({ skip: [{ column: 'submitdate', empty: true }] }), {}, 'a.csv').skip).toEqual([]);
  });
});

describe('a `measures:` entry for no indicator', () => {
  const WIDE = ['wave', 'area', 'onveilig', 'onveilig_laag', 'onveilig_hoog'];

  it('is refused with its own message: the entry, the mapping file’s line, and the indicators with the closest first', () => {
    const dir = scratchFolder('measures-');
    try {
      const file = join(dir, 'zone.yaml');
      writeFileSync(file, 'measures:\n  unsafe_general: onveilig\n  unsafe_oftn: { value: onveilig, ci_low: onveilig_laag, ci_high: onveilig_hoog }\n');
      const error = thrown(() => planColumns(WIDE, monitor, loadMapping(file, 'monitor'), {}, 'zone.csv'));
      expect(error).toBeInstanceOf(ConfigError);
      expect(error).toMatchObject({ detail: { key: 'config.mapping_unknown_indicator', params: { entry: 'measures.unsafe_oftn', indicator: 'unsafe_oftn' } }, location: { file: 'zone.yaml', line: 3 } });
      const listed = String((error as ConfigError).detail.params.indicators).split(', ');
      expect(listed[0]).toBe('unsafe_often');
      expect([...listed].sort()).toEqual(monitor.columns.find((column) => column.type === 'indicator')!.choices!.slice().sort());
      expect(translator('en').message((error as ConfigError).detail)).toMatch(/^`measures\.unsafe_oftn` names `unsafe_oftn`, which is not an indicator; the indicators, the closest first: unsafe_often, /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('for a kind without indicator columns (or proportions), says the kind takes no `measures:` (or `units:`) at all, never an empty list (r12 low, finding 2)', () => {
    const dir = scratchFolder('measures-');
    try {
      const file = join(dir, 'survey.yaml');
      writeFileSync(file, 'units:\n  value: percent\nmeasures:\n  unsafe_often: x\n');
      const measures = thrown(() => planColumns(SURVEY, survey, loadMapping(join(dir, 'survey.yaml'), 'survey'), {}, 'a.csv'));
      expect(measures).toMatchObject({ detail: { key: 'config.mapping_no_measures', params: { entry: 'measures.unsafe_often', kind: 'survey' } }, location: { file: 'survey.yaml', line: 4 } });
      expect(translator('en').message((measures as ConfigError).detail)).not.toMatch(/: \.$/);
      writeFileSync(file, 'units:\n  value: percent\n');
      const units = thrown(() => planColumns(SURVEY, survey, loadMapping(file, 'survey'), {}, 'a.csv'));
      expect(units).toMatchObject({ detail: { key: 'config.mapping_no_units', params: { key: 'units.value', kind: 'survey' } }, location: { file: 'survey.yaml', line: 2 } });
      for (const lang of ['en', 'nl', 'fr'] as const) expect(translator(lang).message((units as ConfigError).detail)).toContain('--kind survey');
      // the entries that describe a LimeSurvey export would do nothing for another kind: refused at their line
      writeFileSync(file, 'columns:\n  bron: source\nlss: survey.lss\n');
      expect(thrown(() => loadMapping(file, 'signals'))).toMatchObject({ detail: { key: 'config.mapping_survey_only', params: { key: 'lss', kind: 'signals' } }, location: { file: 'survey.yaml', line: 3 } });
      writeFileSync(file, 'export: limesurvey\n');
      const exported = thrown(() => loadMapping(file, 'population'));
      expect(translator('en').message((exported as ConfigError).detail)).toBe('`export`: a mapping for --kind population takes no `export:` entry; that entry describes a LimeSurvey export (--kind survey). Remove it.');
      expect(loadMapping(file, 'survey').spec.export).toBe('limesurvey');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is not mistaken for a column (`value`, a bound) that is no indicator of its own', () => {
    for (const name of ['value', 'unsafe_often_ci_low']) {
      expect(thrown(() => planColumns(WIDE, monitor, mapping({ measures: { [name]: 'onveilig' } }), {}, 'zone.csv'))).toMatchObject({ detail: { key: 'config.mapping_unknown_indicator' } });
    }
  });
});

describe('a mapping that names a column by personal data (adversarial run r31, B3)', () => {
  const en = translator('en');
  const FILE = [...SURVEY];
  const PERSONAL = ['Mevr. Dubois', 'Contact[Marie Dubois]', 'Kerkstraat 12', 'Dhr. Peeters', 'jan@x.be'];
  /** The error a mapping file with this text gives for FILE's headings, as the reader sees it. */
  const shown = (text: string, header: string[] = FILE): string => {
    const dir = scratchFolder('r31-b3-');
    try {
      const file = join(dir, 'm.yaml');
      writeFileSync(file, `${text}\n`);
      const error = thrown(() => planColumns(header, survey, loadMapping(file, 'survey'), {}, 's.csv')) as unknown as ConfigError;
      expect(error).toBeInstanceOf(ConfigError);
      return en.message(error.detail);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it.each([
    'skip: [ { column: "Mevr. Dubois", empty: true } ]',
    'skip: [ { column: "Contact[Marie Dubois]", empty: true } ]',
    'missing: { "Kerkstraat 12": [9] }',
    'flags: { sex: { "Dhr. Peeters": M } }',
    'flags: { "Dhr. Peeters": { x: M } }',
    'keep: { "Dhr. Peeters": [1] }',
    'recode: { "jan@x.be": { a: b } }',
    'columns: { unsafe_freq: "Dhr. Peeters" }',
    'units: { "Dhr. Peeters": percent }',
    'constants: { "Dhr. Peeters": 1 }',
    'measures: { "Dhr. Peeters": x }',
  ])('%s: the column is shown as the file\'s headings are, `***`', (text) => {
    const said = shown(text);
    for (const name of PERSONAL) expect(said).not.toContain(name);
    expect(said).toContain('***');
  });

  it('a mapping that gives two columns one name, or drops a column read, withholds the names as the headings', () => {
    const header = [...FILE, 'Dhr. Peeters'];
    expect(shown('columns: { "Dhr. Peeters": district }', header)).not.toContain('Peeters');
    expect(shown('drop: ["Dhr. Peeters"]\ncolumns: { "Dhr. Peeters": unsafe_dark }', header)).not.toContain('Peeters');
  });

  it('`validate --as mapping` withholds a rename\'s target as the import does', () => {
    const dir = scratchFolder('r31-b3v-');
    try {
      const file = join(dir, 'm.yaml');
      writeFileSync(file, 'columns: { unsafe_freq: "Dhr. Peeters", "Kerkstraat 12": wijk }\n');
      const [check] = validateFiles([{ file: 'm.yaml', path: file }], { as: 'mapping', runConfig: null });
      const said = check.problems.map((problem) => en.message(problem.detail)).join('\n');
      expect(said).toContain('`columns.unsafe_freq` names `***`');
      expect(said).toContain('`columns.***` names `wijk`');
      expect(said).not.toMatch(/Peeters|Kerkstraat/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a column named as a column is, not personal data, is still shown as written', () => {
    expect(shown('skip: [ { column: "Q2[SQ001]", empty: true } ]')).toContain('`skip.0.column` names `Q2[SQ001]`');
    expect(shown('missing: { "Sint-Amandsberg": [9] }')).toContain('`missing.Sint-Amandsberg` names `Sint-Amandsberg`');
    expect(shown('recode: { unsafe_frq: { a: b } }')).toContain('`recode.unsafe_frq` names `unsafe_frq`');
  });
});
