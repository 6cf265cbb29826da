// Population figures: rows of one import add up, ages are binned into the configured groups (children left out
// and counted, a band across two groups refused), margins stand without their cross-table, and every wave
// gets, district by district, its own figures or those that serve every wave.
import { afterAll, describe, expect, it } from 'vitest';
import { ageGroupsFrom } from '../../src/config/codebook.js';
import { InputError } from '../../src/errors.js';
import { importFile } from '../../src/ingest/import.js';
import { type Phrase, translator } from '../../src/i18n/index.js';
import { renderImportSummary } from '../../src/render/import-summary.js';
import { populationFigures, populationFor } from '../../src/store/population.js';
import { codebook, mapping, rejected, Scratch, thrown } from './helpers.js';

const scratch = new Scratch();
afterAll(() => scratch.remove());

const HEADER = 'district,sex,age_group,population';

async function imported(name: string, lines: string[], options: Parameters<Scratch['request']>[2] = {}) {
  const store = scratch.store(`${name}.db`);
  const outcome = await importFile(store, scratch.request('population', scratch.file(`${name}.csv`, lines), options));
  return { store, outcome };
}

const cells = (rows: ReturnType<typeof populationFor>) => rows.map((row) => `${row.district} ${row.sex} ${row.ageGroup} ${row.population}`);

/** A list of districts in a message, as the reader sees it (listedDistricts: the first 20, the rest counted). */
const listed = (names: string) => ({ asymmetricMatch: (phrase: Phrase) => phrase.render(translator('en')) === names, toString: () => `the districts ${names}` });

describe('rows of one import', () => {
  it('add up per district, sex and age group, whatever nationality or civil status split them', async () => {
    const { store, outcome } = await imported('sum', [HEADER, 'Oudegem,M,17,10', 'Oudegem,M,17,5', 'Oudegem,M,22,1', 'Oudegem,M,35-44,7', 'Oudegem,M,Van 30 tot 34 jaar,3', 'Oudegem,M,35-44,0']);
    expect(outcome.rows).toMatchObject({ read: 6, stored: 6, rejected: 0, skipped: 0 });
    expect(cells(populationFor(store, '2026'))).toEqual(['Oudegem M 15-29 16', 'Oudegem M 30-44 10']);
  });

  it('leave out residents younger than the youngest group (and older than a closed oldest one), counted as skipped', async () => {
    const { store, outcome } = await imported('children', [HEADER, 'Oudegem,F,0,40', 'Oudegem,F,Minder dan 5 jaar,12', 'Oudegem,F,14,3', 'Oudegem,F,15,9'], {
      codebook: { ...codebook, ageGroups: ageGroupsFrom(['15-24', '25-64'])! },
    });
    expect(outcome.rows).toMatchObject({ read: 4, stored: 1, skipped: 3, rejected: 0 });
    expect(cells(populationFor(store, '2026'))).toEqual(['Oudegem F 15-24 9']);
    const older = await imported('older', [HEADER, 'Oudegem,F,70,4', 'Oudegem,F,64,2'], { codebook: { ...codebook, ageGroups: ageGroupsFrom(['15-24', '25-64'])! } });
    expect(older.outcome.rows).toMatchObject({ read: 2, stored: 1, skipped: 1 });
  });

  it('refuse the whole file at a band that runs across two groups, naming the band, the groups and where it is', async () => {
    const store = scratch.store('straddle.db');
    const file = scratch.file('straddle.csv', [HEADER, 'Oudegem,M,Van 15 tot 24 jaar,10', 'Oudegem,M,Van 25 tot 34 jaar,12']);
    const error = await rejected(importFile(store, scratch.request('population', file)));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({
      detail: { key: 'population.band_straddles', params: { band: 'Van 25 tot 34 jaar', groups: '15-29, 30-44' } },
      location: { file, line: 3, column: 3 },
      hint: { key: 'hint.age_groups', params: { groups: '15-29, 30-44, 45-59, 60-74, 75+' } },
    });
    expect(store.db.prepare('SELECT COUNT(*) FROM population').pluck().get()).toBe(0);
  });

  it('name the groups a band runs across as the hint names the configured ones, and the ages outside them in words (adversarial run r15)', async () => {
    const file = scratch.file('all-ages.csv', [HEADER, 'Oudegem,M,0+,10']);
    const error = await rejected(importFile(scratch.store('all-ages.db'), scratch.request('population', file)));
    const configured = '15-29, 30-44, 45-59, 60-74, 75+';
    expect(error).toMatchObject({ detail: { key: 'population.band_straddles', params: { band: '0+' } }, hint: { key: 'hint.age_groups', params: { groups: configured } } });
    if (!(error instanceof InputError)) throw error;
    expect(translator('en').message(error.detail)).toBe(`age band \`0+\` runs across ages under 15, ${configured} and cannot be counted in one of the configured age groups.`);
    expect(translator('nl').message(error.detail)).toContain(`loopt over leeftijden onder de 15 jaar, ${configured} heen`);
    expect(translator('fr').message(error.detail)).toContain(`chevauche les âges de moins de 15 ans, ${configured} et`);
  });

  it('refuse a count of more than ten million residents in one row, and anything that names no age', async () => {
    const { outcome } = await imported('limits', [HEADER, 'Oudegem,M,20,10000001', 'Oudegem,M,twenty,5', 'Oudegem,M,20,10000000', 'Oudegem,M,20,1e307']);
    expect(outcome.rows).toMatchObject({ stored: 1, rejected: 3 });
    expect(outcome.issues.map((issue) => issue.message)).toEqual([
      '`10000001` in population is out of range (allowed: a number from 0 to 10000000)',
      '`***` is not allowed in age_group (allowed: a group such as 15-29 or 75+)',
      '`1e307` in population is written with an exponent: write a whole number in digits (1000, not 1e3)',
    ]);
  });

  it('read a count a spreadsheet sum wrote a hair off a whole number as that number, and say so once; a real fraction stays refused (r34, F9)', async () => {
    const lines = [HEADER, 'Oudegem,M,20,10', 'Oudegem,M,30,99.999999999999986', 'Oudegem,F,20,"100,00000000000001"', 'Oudegem,F,30,0.5', 'Oudegem,F,40,1e-300', 'Oudegem,F,50,100.001', 'Oudegem,F,60,7'];
    const { store, outcome } = await imported('near-whole', lines);
    expect(outcome.rows).toMatchObject({ stored: 4, rejected: 3 });
    expect(outcome.roundedCounts).toEqual({ count: 2, line: 3 });
    expect(cells(populationFor(store, '2026'))).toEqual(['Oudegem F 15-29 100', 'Oudegem F 60-74 7', 'Oudegem M 15-29 10', 'Oudegem M 30-44 100']);
    expect(renderImportSummary(outcome, translator('en'), false).map((line) => line.text.trim())).toContain(
      '2 counts written a hair off a whole number (as a spreadsheet may write a sum of 100 as 99.999999999999986) read as that whole number (the first on line 3)',
    );
    // a file of whole counts says nothing of it
    expect((await imported('whole', [HEADER, 'Oudegem,M,20,10'])).outcome.roundedCounts).toBeNull();
  });

  it('refuse a row of unknown age or sex (`Onbekend`, `weet niet`, `N/A`, `Inconnu`): never read as a margin over every age or sex', async () => {
    const { store, outcome } = await imported('unknown-age', [
      HEADER,
      'Oudegem,M,15-29,100',
      'Oudegem,M,Onbekend,5',
      'Oudegem,F,weet niet,3',
      'Oudegem,F,N/A,3',
      'Oudegem,F,Inconnu,2',
      'Oudegem,Onbekend,15-29,4',
      'Oudegem,F,15-29,90',
    ]);
    expect(outcome.rows).toMatchObject({ stored: 2, rejected: 5 });
    expect(outcome.issues.map((issue) => `${issue.line} ${issue.column}`)).toEqual(['3 age_group', '4 age_group', '5 age_group', '6 age_group', '7 sex']);
    expect(cells(populationFor(store, '2026'))).toEqual(['Oudegem F 15-29 90', 'Oudegem M 15-29 100']);
    // an empty cell is still a margin
    const margins = await imported('empty-age', [HEADER, 'Oudegem,M,,600', 'Oudegem,F,,400', 'Oudegem,,15-29,1000']);
    expect(margins.outcome.rows).toMatchObject({ stored: 3, rejected: 0 });
  });

  it('refuse the file when the rows of one figure add up past 1,000,000,000 residents, naming the lines (r12, 16)', async () => {
    const store = scratch.store('above.db');
    const rows = Array.from({ length: 101 }, () => 'Oudegem,M,20,10000000');
    const file = scratch.file('above.csv', [HEADER, 'Baasrode,M,20,5', ...rows, 'Oudegem,F,20,10000000']);
    const error = await rejected(importFile(store, scratch.request('population', file)));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({
      detail: { key: 'population.import_above_limit', params: { count: 101, lines: '3, 4, 5, 6, 7, 8, 9, 10, 11, 12, …', district: 'Oudegem' } },
      location: { file, line: 3 },
      hint: { key: 'hint.population_conflict_import' },
    });
    expect(translator('en').message((error as InputError).detail)).toBe(
      'these population figures are more than any district has, so nothing was stored (lines 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, …): added up, with any stored before, one figure of Oudegem for every year (figures without a `wave`) comes to 1,010,000,000 residents, above the limit of 1,000,000,000 for one figure; check the figures.',
    );
    expect(store.db.prepare('SELECT COUNT(*) FROM population').pluck().get()).toBe(0);
    // 100 such rows are 1,000,000,000: the limit itself is kept
    const { outcome } = await imported('at-limit', [HEADER, ...rows.slice(1)]);
    expect(outcome.rows).toMatchObject({ stored: 100, rejected: 0 });
  });

  it('read a figure whose stored rows add up past 1,000,000,000 as a damaged store, as PostgreSQL does (r12, 16)', async () => {
    const { store } = await imported('above-stored', [HEADER, 'Oudegem,M,20,10', 'Oudegem,M,21,10']);
    store.db.exec('UPDATE population SET population = 600000000');
    expect(thrown(() => populationFor(store, '2026'))).toMatchObject({ detail: { key: 'store.damaged', params: { where: 'population: 1200000000 residents for Oudegem' } } });
  });

  it('keep only the rows a `keep:` rule selects, by a header or the column it feeds, and skip the others', async () => {
    const lines = ['code;gemeente;sex;age;n', '44021;Gent;M;30;5', '11002;Antwerpen;M;30;7', '41002;Aalst (Aalst);F;30;2'];
    const file = scratch.file('keep.csv', lines);
    const columns = { code: 'district', age: 'age_group', n: 'population' };
    for (const keep of [{ district: [44021, 41002] }, { gemeente: ['gent', 'AALST (Aalst)'] }] as Array<Record<string, Array<string | number>>>) {
      const store = scratch.store(`keep-${Object.keys(keep)[0]}.db`);
      const outcome = await importFile(store, scratch.request('population', file, { mapping: mapping({ columns, keep }) }));
      expect(outcome.rows).toMatchObject({ read: 3, stored: 2, skipped: 1 });
      expect(outcome.ignoredColumns).toEqual(Object.hasOwn(keep, 'gemeente') ? [] : ['gemeente']);
      expect(outcome.unmatchedKeep).toEqual([]);
    }
    // a value no row holds (a mistyped code) is said, per column, as the file's heading shows (r34, minor)
    const typo = await importFile(scratch.store('keep-typo.db'), scratch.request('population', file, { mapping: mapping({ columns, keep: { district: [44021, 41001, 'jan.peeters@example.be'] } }) }));
    expect(typo.rows).toMatchObject({ stored: 1, skipped: 2 });
    expect(typo.unmatchedKeep).toEqual([{ column: 'code', values: ['41001', '***'] }]);
    const said = renderImportSummary(typo, translator('en'), false).map((line) => line.text).join('\n');
    expect(said).toContain('no row holds these `keep:` values of code, so nothing was imported for them: 41001, ***; check them for a typing error.');
    // as the mapping writes them, a name, an address or a phone number withheld as a district's cell would be
    // (adversarial run r36-B, B3: `dhr. peeters`, `kerkstraat 12` were shown, folded)
    const names = await importFile(scratch.store('keep-names.db'), scratch.request('population', file, { mapping: mapping({ columns, keep: { gemeente: ['Gent', 'Lebbeke (Lebbeke)', 'Dhr. Peeters', 'Kerkstraat 12', 'Mevr. Janssens 0470'] } }) }));
    expect(names.unmatchedKeep).toEqual([{ column: 'gemeente', values: ['Lebbeke (Lebbeke)', '***', '***', '***'] }]);
    // a rename the file does not use is named as written, or withheld (adversarial run r36-B, B7)
    const renames = { ...columns, 'Dhr. Peeters 0470123456': 'wave', 'jan.peeters@telenet.be': 'residents_total', 'Kerkstraat 12': 'residents_men', 'Regio Code': 'residents_women' };
    const unused = await importFile(scratch.store('keep-renames.db'), scratch.request('population', file, { mapping: mapping({ columns: renames }) }));
    expect(unused.unusedRenames).toEqual(['***', '***', '***', 'Regio Code']);
    const unknown = await rejected(importFile(scratch.store('keep-unknown.db'), scratch.request('population', file, { mapping: mapping({ columns, keep: { regio: ['Gent'] } }) })));
    expect(unknown).toMatchObject({ detail: { key: 'config.mapping_unknown_file_column', params: { key: 'keep.regio' } } });
  });
});

describe('margins without their cross-table', () => {
  const margins = [HEADER, 'Oudegem,M,,600', 'Oudegem,F,,400', 'Oudegem,,15-29,250', 'Oudegem,,30-44,750'];

  it('are stored as they are and give raking the cells N_s N_a / N, whose margins are exactly theirs', async () => {
    const { store } = await imported('margins', margins);
    const figures = populationFigures(store, '2026');
    expect(figures.fromMargins).toEqual(['Oudegem']);
    expect(cells(figures.rows)).toEqual(['Oudegem F 15-29 100', 'Oudegem F 30-44 300', 'Oudegem M 15-29 150', 'Oudegem M 30-44 450']);
  });

  it('rescale the sex margin to the age total when the two are less than 1% apart', async () => {
    const { store } = await imported('rounded', [HEADER, 'Oudegem,M,,740', 'Oudegem,F,,755', 'Oudegem,,15-29,700', 'Oudegem,,30-44,800']);
    const rows = populationFor(store, '2026');
    const bySex = (sex: string) => rows.filter((row) => row.sex === sex).reduce((total, row) => total + row.population, 0);
    expect(bySex('M') + bySex('F')).toBeCloseTo(1500, 9);
    expect(bySex('M') / bySex('F')).toBeCloseTo(740 / 755, 12);
    expect(rows.filter((row) => row.ageGroup === '15-29').reduce((total, row) => total + row.population, 0)).toBeCloseTo(700, 9);
  });

  /** The import's refusal: exit 3 at the file and the district's first line, the lines, the reason; nothing stored. */
  async function refusedAt(name: string, lines: string[]) {
    const store = scratch.store(`${name}.db`);
    const file = scratch.file(`${name}.csv`, lines);
    const error = await rejected(importFile(store, scratch.request('population', file)));
    expect(error).toBeInstanceOf(InputError);
    expect(store.db.prepare('SELECT COUNT(*) FROM population').pluck().get()).toBe(0);
    return { file, error: error as InputError, text: translator('en').message((error as InputError).detail) };
  }

  /** A store an older version wrote, whose figures were accepted without this check: the right figures changed in place. */
  async function storedBefore(name: string, lines: string[], change: string) {
    const { store } = await imported(name, lines);
    store.db.exec(change);
    return store;
  }

  it('refuse margins more than 1% apart at import, naming the file, the lines, the district and both totals (finding 10)', async () => {
    const { file, error, text } = await refusedAt('apart', [HEADER, 'Baasrode,M,15-29,5', 'Oudegem,M,,600', 'Oudegem,F,,400', 'Oudegem,,15-29,250', 'Oudegem,,30-44,700']);
    expect(error).toMatchObject({ detail: { key: 'population.import_conflict', params: { count: 4, lines: '3, 4, 5, 6' } }, location: { file, line: 3 } });
    expect(error.hint).toMatchObject({ key: 'hint.population_conflict_import' });
    expect(text).toBe(
      'these population figures cannot weight a survey, so nothing was stored (lines 3, 4, 5, 6): the population margins of Oudegem for every year (figures without a `wave`) do not add up to the same total: 1000 residents by sex against 950 by age group (more than 1% apart); check the figures.',
    );
    const store = await storedBefore('apart-before', margins, "UPDATE population SET population = 700 WHERE age_group = '30-44'");
    expect(thrown(() => populationFor(store, '2026'))).toMatchObject({
      detail: { key: 'population.margins_disagree', params: { district: 'Oudegem', wave: '2026', sex_total: '1000', age_total: '950' } },
      hint: { key: 'hint.population_conflict' },
    });
  });

  it('refuse at import cells mixed with margins, and name every other district whose figures do not add up', async () => {
    const { error } = await refusedAt('mixed', [HEADER, 'Oudegem,M,15-29,10', 'Oudegem,M,,10', 'Baasrode,M,,5', 'Baasrode,F,,5', 'Baasrode,,15-29,20']);
    expect(error).toMatchObject({ detail: { key: 'population.import_conflict', params: { lines: '4, 5, 6' } }, hint: { key: 'hint.population_conflicts_more', params: { districts: listed('Oudegem') } } });
    expect(translator('en').message(error.detail)).toContain('the population margins of Baasrode');
  });

  it('refuse at import figures that contradict those stored before, but not a margin another file may complete', async () => {
    const { store } = await imported('first', [HEADER, 'Oudegem,M,,600', 'Oudegem,F,,400']);
    const error = await rejected(importFile(store, scratch.request('population', scratch.file('second.csv', [HEADER, 'Oudegem,,15-29,250', 'Oudegem,,30-44,700']))));
    expect(error).toMatchObject({ detail: { key: 'population.import_conflict', params: { lines: '2, 3' } } });
    expect(store.db.prepare('SELECT COUNT(*) FROM population').pluck().get()).toBe(2);
    await importFile(store, scratch.request('population', scratch.file('third.csv', [HEADER, 'Oudegem,,15-29,250', 'Oudegem,,30-44,750'])));
    expect(populationFigures(store, '2026').fromMargins).toEqual(['Oudegem']);
  });

  it('refuse a district with a total or one margin only, and post-stratification on margins, when weighting', async () => {
    const total = await imported('total', [HEADER, 'Oudegem,,,1000', 'Baasrode,M,,5', 'Baasrode,F,,5']);
    expect(thrown(() => populationFor(total.store, '2026'))).toMatchObject({ detail: { key: 'population.margins_incomplete', params: { districts: listed('Baasrode, Oudegem') } } });
    const mixed = await storedBefore('mixed-before', [HEADER, 'Oudegem,M,15-29,10'], "INSERT INTO population (batch_id, line, wave, district, sex, population) VALUES (1, 3, NULL, 'Oudegem', 'M', 10)");
    expect(thrown(() => populationFor(mixed, '2026'))).toMatchObject({ detail: { key: 'population.cells_and_margins', params: { district: 'Oudegem' } }, hint: { key: 'hint.population_conflict' } });
    const { store } = await imported('cross-needed', margins);
    expect(thrown(() => populationFor(store, '2026', 'poststratify'))).toMatchObject({ detail: { key: 'population.needs_cross', params: { districts: listed('Oudegem') } } });
    expect(populationFor(store, '2026', 'none')).toEqual([]);
  });

  it('check a district total given beside the margins against them, at import and when weighting', async () => {
    const { error } = await refusedAt('with-total', [...margins, 'Oudegem,,,1200']);
    expect(translator('en').message(error.detail)).toContain('the population total of Oudegem for every year (figures without a `wave`), 1200, differs from its residents by age group, 1000');
    const store = await storedBefore('with-total-before', [...margins, 'Oudegem,,,1000'], 'UPDATE population SET population = 1200 WHERE sex IS NULL AND age_group IS NULL');
    expect(thrown(() => populationFor(store, '2026'))).toMatchObject({ detail: { key: 'population.total_disagrees', params: { total: '1200', age_total: '1000' } } });
  });
});

describe('figures of a wave', () => {
  const everyWave = [HEADER, 'Oudegem,M,15-29,10', 'Oudegem,F,15-29,10', 'Baasrode,M,15-29,20', 'Baasrode,F,15-29,20'];

  it('fall back district by district to the figures without a wave, and say which districts did', async () => {
    const { store } = await imported('fallback', everyWave);
    await importFile(store, scratch.request('population', scratch.file('oudegem-2026.csv', [HEADER, 'Oudegem,M,15-29,11', 'Oudegem,F,15-29,12']), { wave: '2026' }));
    const figures = populationFigures(store, '2026');
    expect(cells(figures.rows)).toEqual(['Baasrode F 15-29 20', 'Baasrode M 15-29 20', 'Oudegem F 15-29 12', 'Oudegem M 15-29 11']);
    expect(figures.fromAllWaves).toEqual(['Baasrode']);
    expect(populationFigures(store, '2023').fromAllWaves).toEqual([]);
  });

  it('are an error naming the districts left without figures when others have the wave’s own', async () => {
    const { store } = await imported('without', everyWave.map((line, i) => (i === 0 ? `${line},wave` : `${line},2023`)));
    await importFile(store, scratch.request('population', scratch.file('oudegem-2026b.csv', [HEADER, 'Oudegem,M,15-29,11', 'Oudegem,F,15-29,12']), { wave: '2026' }));
    expect(thrown(() => populationFor(store, '2026'))).toMatchObject({ detail: { key: 'population.districts_without_figures', params: { wave: '2026', districts: listed('Baasrode') } } });
  });

  it('are an error naming every district when none has figures for the wave, never a silently unweighted wave (finding 11)', async () => {
    const { store } = await imported('later-only', everyWave.map((line, i) => (i === 0 ? `${line},wave` : `${line},2026`)));
    const error = thrown(() => populationFor(store, '2023')) as InputError;
    expect(error).toMatchObject({ detail: { key: 'population.districts_without_figures', params: { wave: '2023', count: 2, districts: listed('Baasrode, Oudegem') } }, hint: { key: 'hint.population_none_for_wave' } });
    expect(translator('en').message(error.detail)).toBe(
      'population figures for 2023: Baasrode, Oudegem have figures for other years only, none for 2023 and none that serve every year; import their 2023 figures, or figures without a `wave` column.',
    );
    expect(populationFor(store, '2023', 'none')).toEqual([]);
    expect(cells(populationFor(store, '2026'))).toHaveLength(4);
    expect(populationFor(scratch.store('no-figures.db'), '2023')).toEqual([]);
  });
});

describe('the account of an import', () => {
  const closed = { codebook: { ...codebook, ageGroups: ageGroupsFrom(['15-24', '25-64'])! } };
  const summary = (outcome: Awaited<ReturnType<typeof importFile>>) => renderImportSummary(outcome, translator('en'), false).map((line) => line.text.trim());

  it('says how many rows were added up into how many figures, and which residents were left out for their age', async () => {
    const lines = [HEADER, 'Oudegem,F,0,40', 'Oudegem,F,Minder dan 5 jaar,12', 'Oudegem,F,15,9', 'Oudegem,F,16,2', 'Oudegem,F,17,1', 'Oudegem,M,30,5', 'Oudegem,M,70,4', 'Oudegem,M,85+,3'];
    const { outcome } = await imported('account', lines, closed);
    expect(outcome.rows).toMatchObject({ read: 8, stored: 4, skipped: 4 });
    expect(outcome.figures).toEqual({
      combined: { rows: 3, figures: 1 },
      younger: { age: 15, rows: 2, residents: 52 },
      older: { age: 64, rows: 2, residents: 7 },
      rowsLeftOut: 4,
    });
    expect(summary(outcome).slice(1)).toEqual([
      '3 rows added up into 1 figure: rows with the same district, sex and age group are parts of one count',
      '52 residents younger than 15 left out (in 2 rows): the age groups start at 15',
      '7 residents older than 64 left out (in 2 rows): the oldest age group ends at 64',
    ]);
  });

  it('keeps the skip rules’ count apart from the rows left out for their age', async () => {
    const lines = ['code;sex;age;n', '44021;F;3;40', '44021;F;20;9', '11002;F;20;7'];
    const file = scratch.file('keep-and-age.csv', lines);
    const request = scratch.request('population', file, { mapping: mapping({ columns: { code: 'district', age: 'age_group', n: 'population' }, keep: { district: [44021] } }) });
    const outcome = await importFile(scratch.store('keep-and-age.db'), request);
    expect(outcome.rows).toMatchObject({ read: 3, stored: 1, skipped: 2 });
    expect(summary(outcome).slice(1)).toEqual([
      '1 row skipped by the mapping’s skip rules',
      '40 residents younger than 15 left out (in 1 row): the age groups start at 15',
    ]);
  });

  it('counts the residents of a side-by-side row’s bands outside the groups (CBS’s 0-14)', async () => {
    const { outcome } = await imported('account-wide', ['district,residents_men,residents_women,residents_aged_0_14,residents_aged_15_24,residents_aged_25_44,residents_aged_45_64,residents_aged_65plus', 'Oudegem,510,490,150,120,300,280,150'], {
      codebook: { ...codebook, ageGroups: ageGroupsFrom(['15-24', '25-44', '45-64', '65+'])! },
    });
    expect(outcome.figures).toEqual({ combined: { rows: 0, figures: 0 }, younger: { age: 15, rows: 1, residents: 150 }, older: { age: null, rows: 0, residents: 0 }, rowsLeftOut: 0 });
    expect(summary(outcome).slice(1)).toEqual(['150 residents younger than 15 left out (in 1 row): the age groups start at 15']);
  });

  it('is left out of the outcome of other kinds', async () => {
    const outcome = await importFile(scratch.store('account-survey.db'), scratch.request('survey', scratch.file('account-survey.csv', ['respondent_id,wave,district,sex,age,unsafe_freq', 'r1,2026,Oudegem,F,30,2'])));
    expect(outcome.figures).toBeNull();
  });
});

describe('the checks of a file of figures (src/ingest/figures-check.ts)', () => {
  /** The file imported for real and as a dry run into a store holding `before`: both refuse it with the same error, or both take it. */
  async function bothWays(name: string, lines: string[], before: string[] = [], options: Parameters<Scratch['request']>[2] = {}) {
    const outcomes: Array<{ key: string | null; count: number }> = [];
    for (const dryRun of [false, true]) {
      const store = scratch.store(`${name}-${dryRun ? 'dry' : 'real'}.db`);
      if (before.length > 0) await importFile(store, scratch.request('population', scratch.file(`${name}-before.csv`, before)));
      const stored = () => store.db.prepare('SELECT COUNT(*) FROM population').pluck().get();
      const count = stored();
      const file = scratch.file(`${name}.csv`, lines);
      try {
        await importFile(store, scratch.request('population', file, { ...options, dryRun }));
        outcomes.push({ key: null, count: Number(stored()) - Number(count) });
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        expect((error as InputError).location?.file).toBe(file);
        outcomes.push({ key: (error as InputError).detail.key, count: Number(stored()) - Number(count) });
      }
    }
    expect(outcomes[1].key, 'the dry run').toBe(outcomes[0].key);
    expect(outcomes[1].count).toBe(0);
    return outcomes[0];
  }

  it('refuse a file whose figures are all 0, naming the file, as a dry run does', async () => {
    expect(await bothWays('zeros', [HEADER, 'Oudegem,M,15-29,0', 'Oudegem,F,15-29,0', 'Baasrode,M,15-29,0'])).toEqual({ key: 'population.all_zero', count: 0 });
    const error = await rejected(importFile(scratch.store('zeros-text.db'), scratch.request('population', scratch.file('zeros-text.csv', [HEADER, 'Oudegem,M,15-29,0']))));
    expect(translator('en').message((error as InputError).detail)).toBe(
      'this file’s population figures are all 0 (1 figure), so nothing was stored: a file that counts no resident cannot weight a survey.',
    );
    // one district of 0 residents beside others is a figure like any other
    expect(await bothWays('one-zero', [HEADER, 'Oudegem,M,15-29,0', 'Baasrode,M,15-29,7'])).toEqual({ key: null, count: 2 });
  });

  it('refuse in a dry run, as at import, figures above the limit, margins that disagree, and figures that contradict those stored', async () => {
    const rows = Array.from({ length: 101 }, () => 'Oudegem,M,20,10000000');
    expect((await bothWays('dry-above', [HEADER, ...rows])).key).toBe('population.import_above_limit');
    expect((await bothWays('dry-apart', [HEADER, 'Oudegem,M,,600', 'Oudegem,F,,400', 'Oudegem,,15-29,250', 'Oudegem,,30-44,700'])).key).toBe('population.import_conflict');
    expect((await bothWays('dry-stored', [HEADER, 'Oudegem,,15-29,250', 'Oudegem,,30-44,700'], [HEADER, 'Oudegem,M,,600', 'Oudegem,F,,400'])).key).toBe('population.import_conflict');
  });

  it('name the odd ones out of cells beside margins: the one cell among margins, the one margin among cells (r16, F2)', async () => {
    const margins = ['Oudegem,M,,600', 'Oudegem,F,,400', 'Oudegem,,15-29,250', 'Oudegem,,30-44,750'];
    const oneCell = await rejected(importFile(scratch.store('odd-cell.db'), scratch.request('population', scratch.file('odd-cell.csv', [HEADER, ...margins, 'Oudegem,M,15-29,120']))));
    expect(oneCell).toMatchObject({ detail: { key: 'population.import_conflict', params: { count: 1, lines: '6' } }, location: { line: 6 } });
    const cells = ['Oudegem,M,15-29,120', 'Oudegem,F,15-29,130', 'Oudegem,M,30-44,380'];
    const oneMargin = await rejected(importFile(scratch.store('odd-margin.db'), scratch.request('population', scratch.file('odd-margin.csv', [HEADER, cells[0], 'Oudegem,,30-44,750', ...cells.slice(1)]))));
    expect(oneMargin).toMatchObject({ detail: { key: 'population.import_conflict', params: { count: 1, lines: '3' } }, location: { line: 3 } });
  });

  it('refuse, as a dry run does, a subtotal band beside the bands it adds up (`45+` beside `45-64` and `65+`), row or column (adversarial run r34, F3)', async () => {
    const groups = { codebook: { ...codebook, ageGroups: ageGroupsFrom(['15-44', '45+'])! } };
    const long = ['Noord,M,15-44,100', 'Noord,M,45-64,60', 'Noord,M,65+,40', 'Noord,M,45+,100', 'Noord,F,15-44,200', 'Noord,F,45-64,70', 'Noord,F,65+,30'];
    expect(await bothWays('subtotal-row', [HEADER, ...long], [], groups)).toEqual({ key: 'population.age_groups_overlap', count: 0 });
    const file = scratch.file('subtotal-row-text.csv', [HEADER, ...long]);
    const error = await rejected(importFile(scratch.store('subtotal-row-text.db'), scratch.request('population', file, groups)));
    expect(error).toMatchObject({ location: { file, line: 5 }, hint: { key: 'hint.population_age_groups_overlap' } });
    expect(translator('en').message((error as InputError).detail)).toBe(
      'the population figures of Noord give age group `45+` beside `45-64` (line 3), which shares ages with it: rows add up, so those residents would be counted twice; nothing was stored.',
    );
    const wide = ['district,residents_aged_15_44,residents_aged_45_64,residents_aged_65plus,residents_aged_45plus', 'Noord,300,150,50,200'];
    expect(await bothWays('subtotal-column', wide, [], groups)).toEqual({ key: 'population.age_groups_overlap', count: 0 });
    // what must still pass: the same band again (rows per nationality), finer bands of one group, the same bands for the other
    // sex or another district, a total row and sex margins beside age margins
    const fine = ['Noord,M,45-64,60', 'Noord,M,45-64,5', 'Noord,M,Van 65 tot 69 jaar,40', 'Noord,M,70+,1', 'Noord,F,45+,100', 'Zuid,M,45+,9', 'Zuid,F,45-64,3', 'Zuid,F,65 jaar en meer,3'];
    expect(await bothWays('finer', [HEADER, ...fine], [], groups)).toEqual({ key: null, count: 8 });
    const margins = ['Noord,M,,300', 'Noord,F,,300', 'Noord,,15-44,350', 'Noord,,45-64,200', 'Noord,,65+,50', 'Noord,,,600'];
    expect(await bothWays('margins-total', [HEADER, ...margins], [], groups)).toEqual({ key: null, count: 6 });
  });

  it('refuse age groups beside different stored ones that share ages (the configured groups changed), but not with --replace (r34, F3)', async () => {
    const before = [HEADER, 'Oudegem,M,15-29,10', 'Oudegem,M,30-44,20', 'Oudegem,F,15-29,10', 'Oudegem,F,30-44,20'];
    const wider = { codebook: { ...codebook, ageGroups: ageGroupsFrom(['15-44', '45+'])! } };
    const lines = [HEADER, 'Oudegem,M,20,5', 'Oudegem,F,20,5'];
    expect(await bothWays('changed-groups', lines, before, wider)).toEqual({ key: 'population.age_groups_overlap_stored', count: 0 });
    const store = scratch.store('changed-groups-text.db');
    await importFile(store, scratch.request('population', scratch.file('changed-groups-before.csv', before)));
    const file = scratch.file('changed-groups-text.csv', lines);
    const error = await rejected(importFile(store, scratch.request('population', file, wider)));
    expect(error).toMatchObject({ location: { file, line: 2 }, hint: { key: 'hint.population_age_groups_stored' } });
    expect(translator('en').message((error as InputError).detail)).toBe(
      'the population figures of Oudegem give age group `15-44` where figures stored before for every year (figures without a `wave`) give `15-29`, which shares ages with it: the weighting needs one set of age groups, so nothing was stored.',
    );
    expect((await bothWays('changed-groups-replace', lines, before, { ...wider, replace: true })).key).toBeNull();
    // the same groups as those stored, for another district: taken
    expect((await bothWays('same-groups', [HEADER, 'Baasrode,M,20,5', 'Baasrode,F,31,5'], before)).key).toBeNull();
  });

  it('in a dry run with --replace, set aside the stored figures of the waves replaced, as an import does', async () => {
    const outcome = await bothWays('dry-replace', [HEADER, 'Oudegem,,15-29,250', 'Oudegem,,30-44,700'], [HEADER, 'Oudegem,M,,600', 'Oudegem,F,,400'], { replace: true });
    expect(outcome.key).toBeNull();
  });
});
