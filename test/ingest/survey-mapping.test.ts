// A mapping on top of the LimeSurvey preset, missing answers, flag columns, age bands and birth years:
// how a file's columns and cells become canonical survey rows.
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, InputError } from '../../src/errors.js';
import { importFile } from '../../src/ingest/import.js';
import { presetMapping } from '../../src/ingest/kinds/index.js';
import { combineMappings, loadMapping } from '../../src/ingest/mapping.js';
import { planColumns } from '../../src/ingest/plan.js';
import { RowValidator, refused } from '../../src/ingest/validate.js';
import { loadSurveyWave } from '../../src/store/survey.js';
import { handlerFor } from '../../src/ingest/kinds/index.js';
import { layoutOf, mapping, rejected, Scratch, thrown } from './helpers.js';
import { describeIssue, type RowIssue } from '../../src/ingest/issues.js';
import { translator } from '../../src/i18n/index.js';

const survey = layoutOf('survey');
const scratch = new Scratch();
afterAll(() => scratch.remove());

const preset = () => presetMapping('survey', 'limesurvey');
/** A mapping file written to the scratch folder and loaded as the CLI loads it. */
const userMapping = (name: string, yaml: string) => {
  scratch.file(name, [yaml]);
  return loadMapping(scratch.path(name), 'survey');
};

/** One row of `fields` through the plan and validator of `header`. */
function validate(header: string[], fields: string[], map = combineMappings(preset(), null)) {
  const plan = planColumns(header, survey, map, { wave: '2026' }, 'a.csv');
  return new RowValidator(plan, survey, handlerFor('survey'), '2026').validate(fields, 2);
}

describe('a mapping on top of the preset', () => {
  const header = ['id', 'submitdate', 'Wijk', 'Geslacht', 'Leeftijd', 'Q1'];
  const renames = 'columns:\n  Wijk: district\n  Geslacht: sex\n  Leeftijd: age\n  Q1: unsafe_freq\n';

  it('adds a per-item recode to the preset’s answer codes instead of replacing them', () => {
    const map = combineMappings(preset(), userMapping('recode.yaml', `${renames}recode:\n  unsafe_freq: { NVT: 3 }\n`));
    expect(validate(header, ['1', '2026-03-02', 'Oudegem', 'M', '44', 'A2'], map)).toMatchObject({ unsafe_freq: 2 });
    expect(validate(header, ['2', '2026-03-02', 'Oudegem', 'M', '44', 'NVT'], map)).toMatchObject({ unsafe_freq: 3 });
    expect(validate(header, ['3', '2026-03-02', 'Oudegem', 'M', '44', 'AO05'], map)).toMatchObject({ unsafe_freq: 5 });
  });

  it('applies the preset’s skip rule to the submit date in any heading style, and not at all where there is none', () => {
    const map = combineMappings(preset(), userMapping('plain.yaml', renames));
    const full = planColumns(['Respons-ID', 'Datum verzonden', 'Wijk', 'Geslacht', 'Leeftijd', 'Q1'], survey, map, { wave: '2026' }, 'a.csv');
    expect(full.skip).toMatchObject([{ index: 1, header: 'Datum verzonden', empty: true }]);
    expect(full.columns.find((c) => c.spec.name === 'respondent_id')?.header).toBe('Respons-ID');
    const codeText = planColumns(['id. Antwort ID', 'submitdate. Datum Abgeschickt', 'Wijk', 'Geslacht', 'Leeftijd', 'Q1'], survey, map, { wave: '2026' }, 'a.csv');
    expect(codeText.skip).toMatchObject([{ index: 1 }]);
    // No submit date column: the preset's rule is simply not applied, and nothing blames the user's file.
    expect(planColumns(['id', 'Wijk', 'Geslacht', 'Leeftijd', 'Q1'], survey, map, { wave: '2026' }, 'a.csv').skip).toEqual([]);
  });

  it('blames the user’s own rules, with their file and line', () => {
    const map = combineMappings(preset(), userMapping('own.yaml', `${renames}skip:\n  - { column: Datum, empty: true }\n`));
    const error = thrown(() => planColumns(header, survey, map, { wave: '2026' }, 'a.csv'));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ detail: { key: 'config.mapping_unknown_file_column', params: { key: 'skip.0.column', value: 'Datum' } }, location: { file: 'own.yaml', line: 7 } });
  });

  it('lets a rename of the user replace the preset’s rename to the same column', () => {
    const map = combineMappings(preset(), userMapping('token.yaml', `${renames}  Respondent: respondent_id\n`));
    const plan = planColumns([...header, 'Respondent'], survey, map, { wave: '2026' }, 'a.csv');
    expect(plan.columns.find((c) => c.spec.name === 'respondent_id')?.header).toBe('Respondent');
  });
});

describe('missing answers', () => {
  const header = ['respondent_id', 'wave', 'district', 'sex', 'age', 'unsafe_freq', 'police_satisfaction'];

  it('reads N/A and don’t-know labels in nl, fr and en as missing, for that item only', () => {
    for (const label of ['N/A', 'weet niet', 'Geen antwoord', 'ne sait pas', 'Pas de réponse', "don't know", 'No answer', 'Don’t know']) {
      expect(validate(header, ['R1', '2026', 'Oudegem', 'M', '44', label, '4'], null), label).toEqual({ respondent_id: 'R1', wave: '2026', district: 'Oudegem', sex: 'M', age: 44, police_satisfaction: 4 });
    }
    expect(validate(header, ['R1', '2026', 'Oudegem', 'N/A', 'weet niet', '2', '4'], null)).toMatchObject({ sex: undefined, age: undefined, unsafe_freq: 2 });
  });

  it('reads a numeric code as missing only where a mapping says so: everywhere, or in one column', () => {
    const row = ['R1', '2026', 'Oudegem', 'M', '44', '9', '9'];
    expect(refused(validate(header, row, null))).toBe(true);
    expect(validate(header, row, mapping({ missing: [9] }))).toMatchObject({ unsafe_freq: undefined, police_satisfaction: undefined });
    // a measured value is no answer code: `missing: [9, 99]` or `"*"` leaves age 99 (r34, minor: it became missing);
    // a value given for the column itself applies
    const old = ['R1', '2026', 'Oudegem', 'M', '99', '2'];
    const short = ['respondent_id', 'wave', 'district', 'sex', 'age', 'unsafe_freq'];
    expect(validate(short, old, mapping({ missing: [9, 99] }))).toMatchObject({ age: 99 });
    expect(validate(short, old, mapping({ missing: { '*': [99] } }))).toMatchObject({ age: 99 });
    expect(validate(short, ['R1', '2026', 'Oudegem', 'M', '999', '2'], mapping({ missing: { age: [999] } }))).toMatchObject({ age: undefined });
    const one = validate(header, ['R1', '2026', 'Oudegem', 'M', '44', '9', '4'], mapping({ missing: { unsafe_freq: [9, 99] } }));
    expect(one).toMatchObject({ unsafe_freq: undefined, police_satisfaction: 4 });
    expect(thrown(() => validate(header, row, mapping({ missing: { unsafe: [9] } })))).toMatchObject({ detail: { key: 'config.mapping_unknown_column', params: { key: 'missing.unsafe' } } });
  });

  it('keeps a label that the item itself uses as an answer', async () => {
    const codebook = { ...scratch.request('survey', '').codebook };
    const item = { name: 'opinion', values: [1, 2, 3], labels: { nl: ['oneens', 'geen mening', 'eens'] }, question: {} };
    const layout = handlerFor('survey').layout({ ...codebook, items: [...codebook.items, item] });
    const plan = planColumns([...header, 'opinion'], layout, null, {}, 'a.csv');
    const row = new RowValidator(plan, layout, handlerFor('survey')).validate(['R1', '2026', 'Oudegem', 'M', '44', '2', '4', 'geen mening'], 2);
    expect(row).toMatchObject({ opinion: 2 });
  });
});

describe('derived columns', () => {
  it('makes one column of several yes/no columns, and refuses a row that ticks two', () => {
    const header = ['respondent_id', 'wave', 'district', 'age', 'G[1]', 'G[2]', 'G[3]', 'unsafe_freq'];
    const map = mapping({ flags: { sex: { 'G[1]': 'M', 'G[2]': 'F', G_3: 'X' } } });
    expect(validate(header, ['R1', '2026', 'Oudegem', '44', 'Ja', 'Nee', '', '2'], map)).toMatchObject({ sex: 'M' });
    expect(validate(header, ['R1', '2026', 'Oudegem', '44', '', 'Y', 'N', '2'], map)).toMatchObject({ sex: 'F' });
    expect(validate(header, ['R1', '2026', 'Oudegem', '44', 'N', 'N/A', 'Nein', '2'], map)).toMatchObject({ sex: undefined });
    expect(validate(header, ['R1', '2026', 'Oudegem', '44', 'Y', 'Y', '', '2'], map)).toEqual([expect.objectContaining({ code: 'flags_several', column: 'sex', detail: { flags: 'G[1], G[2]' } })]);
    const districts = mapping({ flags: { district: { 'G[1]': 'Oudegem', 'G[2]': 'Baasrode', 'G[3]': 'Grembergen' } } });
    const byFlags = ['respondent_id', 'wave', 'sex', 'age', 'G[1]', 'G[2]', 'G[3]', 'unsafe_freq'];
    expect(validate(byFlags, ['R1', '2026', 'F', '44', '', '1', '0', '2'], districts)).toMatchObject({ district: 'Baasrode' });
  });

  it('says a refused cell the mapping recoded with what it became (r33, left item: `soms` recoded to 9 was said as `soms` alone)', () => {
    const header = ['respondent_id', 'wave', 'district', 'sex', 'age', 'unsafe_freq'];
    const map = mapping({ recode: { unsafe_freq: { nooit: 1, soms: 9 } } });
    expect(validate(header, ['R1', '2026', 'Oudegem', 'M', '44', 'nooit'], map)).toMatchObject({ unsafe_freq: 1 });
    const [issue] = validate(header, ['R1', '2026', 'Oudegem', 'M', '44', 'soms'], map) as RowIssue[];
    expect(describeIssue(issue, translator('en'))).toBe('`soms` is not an answer code of unsafe_freq (allowed: 1, 2, 3, 4, 5); the mapping recodes it to `9`');
    expect(describeIssue(issue, translator('nl'))).toMatch(/; het koppelbestand hercodeert die waarde naar `9`$/);
    // a cell no recode touched is said as before
    const [plain] = validate(header, ['R1', '2026', 'Oudegem', 'M', '44', '7'], map) as RowIssue[];
    expect(describeIssue(plain, translator('en'))).toBe('`7` is not an answer code of unsafe_freq (allowed: 1, 2, 3, 4, 5)');
  });

  it('says a row that ticks two flags, or holds a flag cell neither ticked nor unticked, as such (r33, left item: "allowed: " with nothing after it)', () => {
    const districts = mapping({ flags: { district: { 'G[1]': 'Oudegem', 'G[2]': 'Baasrode', 'G[3]': 'Grembergen' } } });
    const byFlags = ['respondent_id', 'wave', 'sex', 'age', 'G[1]', 'G[2]', 'G[3]', 'unsafe_freq'];
    const t = translator('en');
    const [several] = validate(byFlags, ['R1', '2026', 'F', '44', '1', '', 'X', '2'], districts) as RowIssue[];
    expect(several).toMatchObject({ code: 'flags_several', column: 'district', columnNumber: null });
    expect(describeIssue(several, t)).toBe('more than one flag column for district is ticked (G[1], G[3]): the row contradicts itself');
    const [odd] = validate(byFlags, ['R1', '2026', 'F', '44', '', '5', '', '2'], districts) as RowIssue[];
    expect(odd).toMatchObject({ code: 'flag_value', column: 'district', columnNumber: 6, value: '5' });
    expect(describeIssue(odd, t)).toBe('`5` in the flag column G[2] for district is neither ticked nor unticked (ticked: Y, Yes, Ja, Oui, 1 or X; not ticked: empty, N, No, Nee, Non, Nein, 0 or N/A)');
    // an odd cell that could be anything typed there is withheld by the refused-cell rule, as every refused cell is
    const [typed] = validate(byFlags, ['R1', '2026', 'F', '44', 'Jan Peeters woont hier', '', '', '2'], districts) as RowIssue[];
    expect(describeIssue(typed, t)).toMatch(/^`\*\*\*` in the flag column G\[1\] for district/);
  });

  it('reads age bands as questionnaires word them, and a birth year as the age at the wave', () => {
    const header = ['respondent_id', 'wave', 'district', 'sex', 'age_group', 'birth_year', 'unsafe_freq'];
    const row = (band: string, year = '') => validate(header, ['R1', '2026', 'Oudegem', 'M', band, year, '2'], null);
    expect(row('15 - 29 jaar')).toMatchObject({ age: 15, age_group: { label: '15-29' } });
    expect(row('75 ans et plus')).toMatchObject({ age: 75, age_group: { label: '75+' } });
    expect(row('25 - 34 years old')).toMatchObject({ age: 25, age_group: { label: '25-34' } });
    expect(row('', '1962')).toMatchObject({ age: 64 });
    expect(row('60 - 74 jaar', '1962')).toMatchObject({ age: 64 });
    // a band the birth year contradicts rejects the row (adversarial run r12, finding 17), never one of them winning
    expect(row('15 - 29 jaar', '1962')).toEqual([expect.objectContaining({ code: 'age_conflict', column: 'birth_year' })]);
    expect(row('', '2031')).toEqual([expect.objectContaining({ code: 'out_of_range', column: 'birth_year' })]);
    expect(row('ouder')).toEqual([expect.objectContaining({ code: 'invalid_value', column: 'age_group' })]);
  });

  it('refuses a band across the population’s age groups, naming band and groups, and one without figures', async () => {
    const store = scratch.store('bands.db');
    const population = scratch.file('population.csv', ['district,sex,age_group,population', 'Oudegem,M,15-29,100', 'Oudegem,F,15-29,100', 'Oudegem,M,30-44,100', 'Oudegem,F,30-44,100']);
    await importFile(store, scratch.request('population', population));
    const header = 'respondent_id,wave,district,sex,age_group,unsafe_freq';
    const good = scratch.file('good.csv', [header, 'R1,2026,Oudegem,M,15 - 19 jaar,2', 'R2,2026,Oudegem,F,30 - 44 jaar,3', 'R3,2026,Oudegem,F,85 jaar of ouder,3']);
    const outcome = await importFile(store, scratch.request('survey', good));
    expect(outcome.rows).toMatchObject({ stored: 3, rejected: 0 });
    expect([...loadSurveyWave(store, '2026').age].sort((a, b) => a - b)).toEqual([15, 30, 85]);
    const straddling = scratch.file('straddling.csv', [header, 'R4,2026,Oudegem,M,15 - 19 jaar,2', 'R5,2026,Oudegem,F,25 - 34 years old,3']);
    const error = await rejected(importFile(store, scratch.request('survey', straddling)));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ detail: { key: 'input.age_band_straddles', params: { band: '25-34', groups: '15-29, 30-44' } }, location: { file: straddling, line: 3, column: 5 } });
    const empty = scratch.store('empty.db');
    expect(await rejected(importFile(empty, scratch.request('survey', good)))).toMatchObject({ detail: { key: 'input.age_band_no_population' } });
    // a dry run makes the same checks, in a store and before there is one: it said the file would import (r33, left item)
    const dry = await rejected(importFile(store, scratch.request('survey', straddling, { dryRun: true })));
    expect(dry).toMatchObject({ detail: { key: 'input.age_band_straddles', params: { band: '25-34', groups: '15-29, 30-44' } }, location: { file: straddling, line: 3, column: 5 } });
    expect(await rejected(importFile(null, scratch.request('survey', good, { dryRun: true })))).toMatchObject({ detail: { key: 'input.age_band_no_population' } });
    expect((await importFile(store, scratch.request('survey', good, { dryRun: true }))).status).toBe('dry_run');
  });

  it('asks for an age, an age band or a birth year', () => {
    expect(thrown(() => planColumns(['respondent_id', 'wave', 'district', 'sex', 'unsafe_freq'], survey, null, {}, 'a.csv'))).toMatchObject({
      detail: { key: 'input.column_missing', params: { column: 'age / age_group / birth_year' } },
    });
  });
});
