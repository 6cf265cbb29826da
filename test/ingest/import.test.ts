// importFile end to end against a real SQLite store, kind by kind: rows read = stored + rejected + skipped,
// what --strict, --dry-run and --replace decide, the same content twice, and the rejects file.
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { importFile } from '../../src/ingest/import.js';
import { renderError } from '../../src/cli/render-error.js';
import { decide } from '../../src/ingest/verdict.js';
import { presetMapping } from '../../src/ingest/kinds/index.js';
import type { ImportOutcome } from '../../src/ingest/outcome.js';
import { Batches } from '../../src/store/batches.js';
import { translator } from '../../src/i18n/index.js';
import { renderImportSummary } from '../../src/render/import-summary.js';
import { populationFor } from '../../src/store/population.js';
import { signalsBetween } from '../../src/store/sources.js';
import { loadSurveyWave } from '../../src/store/survey.js';
import { ITEMS, SURVEY_HEADER, Scratch, mapping, rejected, surveyLine } from './helpers.js';

const scratch = new Scratch();
afterAll(() => scratch.remove());

function accounted(outcome: ImportOutcome): void {
  expect(outcome.rows.read).toBe(outcome.rows.valid + outcome.rows.rejected + outcome.rows.skipped);
  expect(outcome.rows.stored).toBe(outcome.status === 'stored' ? outcome.rows.valid : 0);
}

/** Each reason's code, column and count (the first example each reason carries is tested where it matters). */
const counted = (outcome: ImportOutcome) => outcome.reasons.map(({ code, column, count }) => ({ code, column, count }));

const rowsOf = (store: ReturnType<Scratch['store']>, sql: string) => store.db.prepare(sql).all();

describe('survey files', () => {
  it('store valid respondents column-wise and refuse the others, each counted once', async () => {
    const store = scratch.store('survey.db');
    const file = scratch.file('survey.csv', [
      SURVEY_HEADER,
      surveyLine('R1', '2026', 'Oudegem', 'F', '44'),
      surveyLine('R2', '2026', 'Baasrode', 'M', 'forty'),
      surveyLine('R3', '2026', 'Oudegem', 'X', '70', '4'),
      surveyLine('R1', '2026', 'Baasrode', 'M', '30'),
      'R5;2026;Oudegem',
      surveyLine('R6', '2026', 'Baasrode', '', ''),
    ]);
    const outcome = await importFile(store, scratch.request('survey', file));
    accounted(outcome);
    expect(outcome).toMatchObject({ status: 'stored', batch: 1, waves: ['2026'], rows: { read: 6, valid: 3, stored: 3, rejected: 3, skipped: 0 } });
    expect(counted(outcome)).toEqual([
      { code: 'not_a_number', column: 'age', count: 1 },
      { code: 'ragged', column: null, count: 1 },
      { code: 'duplicate', column: 'respondent_id', count: 1 },
    ]);
    const wave = loadSurveyWave(store, '2026');
    expect(wave.n).toBe(3);
    // respondents are stored in pseudonym order, not the file's: compared as a set of rows
    const unsafe = wave.items.get('unsafe_freq')!;
    const respondents = [...wave.district].map((d, i) => [wave.districts[d], wave.sex[i], wave.age[i], unsafe[i]].join('|'));
    expect(respondents.sort()).toEqual(['Oudegem|1|44|2', 'Oudegem|2|70|4', 'Baasrode|-1|-1|2'].sort());
    expect([...wave.items.keys()].sort()).toEqual([...ITEMS].sort());
    expect(new Batches(store).list()[0]).toMatchObject({ kind: 'survey', file: 'survey.csv', rowsRead: 6, rowsStored: 3, rowsRejected: 3, rowsNow: 3 });
  });

  it('write every refused row, in the columns safety-scan reads, to the rejects file after its line, column and reason; a row with the wrong number of fields without its shifted cells (adversary r7, A3)', async () => {
    // an id is written keyed, the store's pseudonym sealed (`~` and 32 hex digits: adversarial runs r29 and r36, D1)
    const keyed = readFileSync(scratch.path('rejects/survey.survey.rejects.csv'), 'utf8').replace(/~[0-9a-f]{32}/g, '~KEY');
    expect(keyed.split('\r\n')).toEqual([
      `\ufeffsafety_scan_line;safety_scan_column;safety_scan_reason;${SURVEY_HEADER}`,
      // a refused cell is shown only when a number or a known label (adversarial run r13, item 7)
      `3;age (5);\`***\` in age is not a number;${surveyLine('~KEY', '2026', 'Baasrode', 'M', '***')}`,
      // a duplicate keeps its line and reason only: its cells beside its line would link a stored row to the export (adversarial run r38-B, D1)
      `5;respondent_id (1);respondent_id \`***\` already appears on line 2 of this file${';'.repeat(21)}`,
      `6;;"the row has 3 fields, the header has 21"${';'.repeat(21)}`,
      '',
    ]);
  });

  it('hash large files on the worker and still find a repeated id across batches, and one stored earlier', async () => {
    const store = scratch.store('large.db');
    const lines = Array.from({ length: 3000 }, (_, i) => surveyLine(`R${i}`, '2026', 'Oudegem', 'F', '44'));
    lines[2500] = surveyLine('R10', '2026', 'Oudegem', 'F', '44');
    const first = await importFile(store, scratch.request('survey', scratch.file('large.csv', [SURVEY_HEADER, ...lines])));
    expect(first.rows).toMatchObject({ read: 3000, stored: 2999, rejected: 1 });
    expect(first.issues[0]).toMatchObject({ line: 2502, column: 'respondent_id', code: 'duplicate', message: 'respondent_id `***` already appears on line 12 of this file' });
    const again = await importFile(store, scratch.request('survey', scratch.file('again.csv', [SURVEY_HEADER, surveyLine('R2999', '2026', 'Oudegem', 'F', '44'), surveyLine('N1', '2026', 'Oudegem', 'F', '44')])));
    expect(again.rows).toMatchObject({ read: 2, stored: 1, rejected: 1 });
    expect(again.issues[0].message).toBe('respondent_id `***` is already stored in batch 1');
  });

  // adversarial run r37, A2: `R1` with a zero-width space and a full-width `Ｒ1` were three respondents, weighted apart
  it('read an id as it prints: one with a character that prints as nothing, or in full-width letters, is the same id', async () => {
    const store = scratch.store('invisible-ids.db');
    const lines = ['R1', '\u200bR1', '\uff321', 'R\u20601', ' R1 '].map((id) => surveyLine(id, '2026', 'Oudegem', 'F', '44'));
    const outcome = await importFile(store, scratch.request('survey', scratch.file('invisible-ids.csv', [SURVEY_HEADER, ...lines])));
    expect(outcome.rows).toMatchObject({ read: 5, stored: 1, rejected: 4 });
    expect(outcome.issues.map((issue) => issue.code)).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate']);
  });

  it('leave out rows a mapping skips, and count them', async () => {
    const store = scratch.store('lime.db');
    const header = ['id', 'submitdate', 'ipaddr', 'district', 'sex', 'age', 'unsafe_freq', 'avoid_places'].join(';');
    const file = scratch.file('lime.csv', [header, '1;2026-03-02;192.0.2.1;Oudegem;M;21;A4;Y', '2;;192.0.2.2;Oudegem;F;30;A1;N', '3;2026-03-03;192.0.2.3;Baasrode;F;33;A2;N']);
    const outcome = await importFile(store, scratch.request('survey', file, { mapping: presetMapping('survey', 'limesurvey'), wave: '2026' }));
    accounted(outcome);
    expect(outcome).toMatchObject({ rows: { read: 3, stored: 2, rejected: 0, skipped: 1 }, droppedColumns: ['ipaddr'] });
    expect([...loadSurveyWave(store, '2026').items.get('unsafe_freq')!].sort()).toEqual([2, 4]);
  });
});

describe('a file of many bad rows (adversary r7, A8)', () => {
  const bad = (count: number) => Array.from({ length: count }, (_, i) => surveyLine(`R${i}`, '2026', 'Oudegem', 'F', 'old'));

  it('writes the first rows to the rejects file up to the limit, counts every rejected row, and says how many were left out', async () => {
    const store = scratch.store('capped.db');
    const file = scratch.file('capped.csv', [SURVEY_HEADER, surveyLine('G1', '2026', 'Oudegem', 'F', '44'), ...bad(12)]);
    const outcome = await importFile(store, scratch.request('survey', file, { rejectsWritten: 5 }));
    expect(outcome).toMatchObject({ status: 'stored', rows: { read: 13, stored: 1, rejected: 12 }, rejectsLeftOut: 7 });
    expect(readFileSync(outcome.rejectsFile!, 'utf8').split('\r\n').slice(1, -1).map((line) => line.split(';')[0])).toEqual(['3', '4', '5', '6', '7']);
    const summary = renderImportSummary(outcome, translator('en'), false).map((line) => line.text);
    expect(summary).toContain('  7 more rejected rows were left out of the rejects file: it holds the first 5 rows, enough to see the reasons. Every rejected row is counted above.');
  });

  it('says so in the error of a file none of whose rows can be used', async () => {
    const error = await rejected(importFile(scratch.store('capped-none.db'), scratch.request('survey', scratch.file('capped-none.csv', [SURVEY_HEADER, ...bad(8)]), { rejectsWritten: 3 })));
    expect(error).toMatchObject({ detail: { key: 'input.no_usable_rows_left_out', params: { rows: 8, written: 3, count: 5 } } });
    expect(renderError(error, translator('en'), false)).toContain('holds the first 3 rejected rows; 5 more were left out of it.');
  });

  // adversarial run r9 (cosmetic): "Most frequent reasons: 600000 × ..." was not grouped as every other count
  it('groups the counts of the error of a file none of whose rows can be used', async () => {
    const error = await rejected(importFile(scratch.store('grouped-none.db'), scratch.request('survey', scratch.file('grouped-none.csv', [SURVEY_HEADER, ...bad(1200)]), { rejectsWritten: 1100 })));
    const text = renderError(error, translator('en'), false);
    expect(text).toContain('(1,200 rows read)');
    expect(text).toContain('1,200 × ');
    expect(text).toContain('holds the first 1,100 rejected rows; 100 more were left out of it.');
  });

  it('leaves nothing out of a file with fewer rejected rows than the limit', async () => {
    const outcome = await importFile(scratch.store('uncapped.db'), scratch.request('survey', scratch.file('uncapped.csv', [SURVEY_HEADER, surveyLine('G1', '2026', 'Oudegem', 'F', '44'), ...bad(3)]), { rejectsWritten: 3 }));
    expect(outcome.rejectsLeftOut).toBe(0);
    expect(renderImportSummary(outcome, translator('en'), false).map((line) => line.text).join('\n')).not.toContain('left out of the rejects file');
  });
});

describe('districts the population figures do not know (adversary r7, A4)', () => {
  const population = (name: string) => scratch.file(name, ['district|sex|age_group|population', 'Oudegem|M|15-29|2604', 'Baasrode|F|15-29|2500']);
  const survey = (name: string) =>
    scratch.file(name, [
      SURVEY_HEADER,
      surveyLine('R1', '2026', 'Oudegem', 'F', '44'),
      // a street address is refused as personal data at once (r14, F5), and so is a common first name and a surname
      // (adversarial run r37, B1); names of plain words reach the district check
      surveyLine('R2', '2026', 'Wouters Dubois', 'F', '44'),
      surveyLine('R3', '2026', 'Claes Peeters', 'F', '44'),
      surveyLine('R4', '2026', 'x9', 'F', '44'),
      surveyLine('R5', '2026', 'Oudgem', 'F', '44'),
    ]);

  it('are named in the import error only as a short code or a misspelt known district, else as ***', async () => {
    const store = scratch.store('unknown-districts.db');
    await importFile(store, scratch.request('population', population('unknown-pop.csv')));
    const error = await rejected(importFile(store, scratch.request('survey', survey('unknown-survey.csv'))));
    const text = renderError(error, translator('en'), false);
    expect(text).toContain('4 districts are not in the population figures');
    expect(text).toContain('`x9` (1 row; no known district has a similar name)');
    expect(text).toContain('`Oudgem` (1 row; did you mean Oudegem?)');
    expect(text.match(/`\*\*\*` \(1 row/g)).toHaveLength(2);
    for (const hidden of ['Dubois', 'Peeters', 'Wouters', 'Claes']) expect(text).not.toContain(hidden);
  });

  it('and so in the summary and --json of population figures imported after them (the rows stored earlier)', async () => {
    const store = scratch.store('unknown-later.db');
    await importFile(store, scratch.request('survey', survey('later-survey.csv')));
    const outcome = await importFile(store, scratch.request('population', population('later-pop.csv')));
    expect(outcome.respelled?.unknown.map((unknown) => unknown.district).sort()).toEqual(['***', '***', 'Oudgem', 'x9']);
    const summary = renderImportSummary(outcome, translator('en'), false).map((line) => line.text).join('\n');
    expect(summary).toContain('4 districts stored earlier are not in the population figures');
    for (const hidden of ['Dubois', 'Peeters', 'Wouters', 'Claes']) expect(summary).not.toContain(hidden);
  });
});

describe('key figures', () => {
  it('store interviews under their pseudonym, never the id, and refuse a repeated interview, district and theme', async () => {
    const store = scratch.store('keyfigures.db');
    const header = 'interview_id,wave,district,organisation_type,theme,severity,trend,note';
    const file = scratch.file('kf.csv', [header, 'K1,2026,Oudegem,school,drugs,4,worse,', 'K1,2026,Oudegem,school,speeding,2,,', 'K1,2026,Oudegem,shop,drugs,3,,', 'K2,2026,Oudegem,shop,weather,3,,']);
    const outcome = await importFile(store, scratch.request('keyfigures', file));
    accounted(outcome);
    expect(outcome.rows).toMatchObject({ read: 4, stored: 2, rejected: 2 });
    expect(outcome.issues.map((issue) => issue.message)).toEqual([
      'interview_id `***` already appears on line 2 of this file',
      '`***` is not allowed in theme (allowed: burglary, vehicle_crime, speeding, aggressive_traffic, parking, dumping, vandalism, noise, drugs, youth_nuisance)',
    ]);
    const stored = rowsOf(store, 'SELECT interview, theme, severity, trend FROM keyfigures ORDER BY rowid') as Array<{ interview: string }>;
    expect(stored).toMatchObject([{ theme: 'drugs', severity: 4, trend: 'worse' }, { theme: 'speeding', severity: 2, trend: null }]);
    expect(stored[0].interview).toMatch(/^[0-9a-f]{16}$/);
    expect(stored[1].interview).toBe(stored[0].interview);
  });

  it('take an organisation type as a category code, never free text: a name with a comma or an address is refused, the address withheld (adversary r4, F6)', async () => {
    const store = scratch.store('organisations.db');
    const header = 'interview_id,wave,district,organisation_type,theme,severity,trend';
    const file = scratch.file('org.csv', [header, 'K1,2026,Oudegem,"Jan Peeters, directeur",drugs,4,', 'K2,2026,Oudegem,jan.peeters@school.be,drugs,4,', 'K3,2026,Oudegem,Youth work,drugs,4,', 'K4,2026,Oudegem,École,drugs,4,', `K5,2026,Oudegem,${'x'.repeat(61)},drugs,4,`]);
    const outcome = await importFile(store, scratch.request('keyfigures', file));
    expect(outcome.rows).toMatchObject({ read: 5, stored: 2, rejected: 3 });
    // the refused cell is shown only when it is a short code: a name, an address or a long text is withheld (adversary r7, A3)
    expect(outcome.issues.map((issue) => [issue.line, issue.column, issue.value])).toEqual([[2, 'organisation_type', '***'], [3, 'organisation_type', '***'], [6, 'organisation_type', '***']]);
    // `École` is the built-in `school` in French (adversarial run r13, item 6)
    expect(rowsOf(store, 'SELECT organisation_type FROM keyfigures ORDER BY organisation_type')).toEqual([{ organisation_type: 'school' }, { organisation_type: 'youth_work' }]);
    const rejects = readFileSync(outcome.rejectsFile!, 'utf8');
    for (const shown of ['@', 'Jan', 'Peeters', 'xxxxxxxxxxxxx']) expect(rejects).not.toContain(shown);
    // a name and an address look like personal data (adversary r7, F8); a long text is no code
    const personal = "the value in organisation_type looks like personal data (a person's name, a street address, an e-mail address, a phone number, an IBAN, an IP address, a national number, a number plate or a token), which is never stored: the row is refused";
    expect(rejects.split('\r\n')[1]).toMatch(new RegExp(`^2,organisation_type \\(4\\),"${personal.replace(/[()]/g, '\\$&')}",~[0-9a-f]{32},2026,Oudegem,\\*\\*\\*,drugs,4,$`));
    expect(outcome.issues.map((issue) => issue.message)).toEqual([personal, personal, expect.stringMatching(/^the code in organisation_type is neither one safety-scan knows \(school, shop, .*\) nor one the configuration declares: .*declare it under `codebook: organisation_types:` in safety-scan.yaml$/)]);
  });
});

describe('monitor results', () => {
  it('store proportions, from percentages when the mapping says so, and refuse values outside their interval', async () => {
    const store = scratch.store('monitor.db');
    const file = scratch.file('monitor.csv', ['wave;area;indicator;value;ci_low;ci_high;n', '2021;Belgium;unsafe_often;9,2;8,9;9,4;100240', '2021;Belgium;unsafe_general;50;10;20;', '2021;Belgium;unsafe_often;9,1;;;']);
    const outcome = await importFile(store, scratch.request('monitor', file, { mapping: mapping({ units: { value: 'percent', ci_low: 'percent', ci_high: 'percent' } }) }));
    accounted(outcome);
    expect(counted(outcome)).toEqual([
      { code: 'duplicate', column: 'indicator', count: 1 },
      { code: 'interval_order', column: 'value', count: 1 },
    ]);
    expect(rowsOf(store, 'SELECT area, indicator, value, ci_low, ci_high, n FROM monitor')).toEqual([{ area: 'Belgium', indicator: 'unsafe_often', value: 0.092, ci_low: 0.089, ci_high: 0.094, n: 100240 }]);
  });
});

describe('population figures', () => {
  it('store figures that serve every wave when the file has none, add up rows of one cell, and refuse a cell another import stored', async () => {
    const store = scratch.store('population.db');
    const file = scratch.file('population.csv', ['district|sex|age_group|population', 'Oudegem|M|15-29|2604', 'Oudegem|F|15-29|2500', 'Oudegem|M|15 - 29|1']);
    const outcome = await importFile(store, scratch.request('population', file));
    accounted(outcome);
    expect(outcome).toMatchObject({ waves: ['*'], rows: { stored: 3, rejected: 0 } });
    expect(populationFor(store, '2026').map((row) => [row.sex, row.population])).toEqual([['F', 2500], ['M', 2605]]);
    const again = await importFile(store, scratch.request('population', scratch.file('again.csv', ['district|sex|age_group|population', 'Oudegem|M|15-29|7', 'Oudegem|M|30-44|9'])));
    expect(counted(again)).toEqual([{ code: 'duplicate', column: 'district', count: 1 }]);
    expect(again.issues[0].message).toBe('district `Oudegem` is already stored in batch 1');
    expect(new Batches(store).counts().population).toEqual({ '*': 4 });
  });
});

describe('signals', () => {
  it('take their wave from their date, store two alike as two, and the population figures\' spelling of a district', async () => {
    const store = scratch.store('signals.db');
    await importFile(store, scratch.request('population', scratch.file('pop.csv', ['district,sex,age_group,population', 'Oudegem,M,15-29,10', 'Sint-Denijs,M,15-29,10'])));
    const file = scratch.file('signals.csv', ['date,district,theme,source,count', '2025-01-21,Oudegem,speeding,complaint,1', '2025-01-21,Oudegem,speeding,complaint,1', '02/03/2026,sint denijs,drugs,police_cafe,3']);
    const outcome = await importFile(store, scratch.request('signals', file));
    accounted(outcome);
    expect(outcome).toMatchObject({ waves: ['2025', '2026'], rows: { stored: 3, rejected: 0 } });
    expect(new Batches(store).counts().signals).toEqual({ 2025: 2, 2026: 1 });
    expect(rowsOf(store, 'SELECT DISTINCT district FROM signals ORDER BY district')).toEqual([{ district: 'Oudegem' }, { district: 'Sint-Denijs' }]);
  });

  it('refuse a date that is not in the calendar or not in a plausible year, and a count below one, saying what is allowed (adversary r4, F7; r12 low, finding 5)', async () => {
    const store = scratch.store('signal-dates.db');
    const rows = ['2026-02-30,Oudegem,drugs,complaint,1', '2026-13-01,Oudegem,drugs,complaint,1', '0000-01-01,Oudegem,drugs,complaint,1', '9999-12-31,Oudegem,drugs,complaint,1', '31/02/2026,Oudegem,drugs,complaint,1', '2026-03-01,Oudegem,drugs,complaint,0', '1900-01-01,Oudegem,drugs,complaint,1', '29/02/2028,Oudegem,drugs,complaint,1', '2026-02-29,Oudegem,drugs,complaint,1'];
    const outcome = await importFile(store, scratch.request('signals', scratch.file('dates.csv', ['date,district,theme,source,count', ...rows])));
    expect(outcome).toMatchObject({ waves: ['1900', '2028'], rows: { read: 9, stored: 2, rejected: 7 } });
    // a day the calendar lacks has one reason however it is written (30 February, month 13, 31/02, 29 February
    // of a year that is not a leap year); a year outside 1900-2199 is out of range
    expect(counted(outcome)).toEqual([
      { code: 'not_a_date', column: 'date', count: 4 },
      { code: 'out_of_range', column: 'date', count: 2 },
      { code: 'out_of_range', column: 'count', count: 1 },
    ]);
    expect(outcome.issues.find((issue) => issue.code === 'not_a_date')?.message).toBe('`***` in date is not a valid date (that month has no such day, there is no such month, there is no such time of day, or other text follows the date)');
    expect(outcome.issues.find((issue) => issue.column === 'count')?.message).toBe('`0` in count is out of range (allowed: a whole number from 1 to 2147483647)');
  });

  it('refuse a date whose time of day is not on the clock, hour 25 or minute 61 (adversarial run r28, item 10)', async () => {
    const store = scratch.store('signal-times.db');
    const bad = ['2024-03-05 25:10', '2024-03-05T24:00', '2024-03-05 10:61', '2024-03-05 10:15:60', '2024-03-05T99:99:99'];
    // times on the clock, as exports and workbooks write them, are still read as their day
    const good = ['2024-03-05 23:59', '2024-03-05T00:00:00', '2024-03-05 9:05:30', '2024-03-05T10:15:00.000Z', '2024-03-05 10:15:00+01:00'];
    const outcome = await importFile(store, scratch.request('signals', scratch.file('times.csv', ['date,district,theme,source,count', ...[...bad, ...good].map((date, i) => `${date},Oudegem,drugs,complaint,${i + 1}`)])));
    expect(outcome).toMatchObject({ waves: ['2024'], rows: { read: 10, stored: 5, rejected: 5 } });
    expect(counted(outcome)).toEqual([{ code: 'not_a_date', column: 'date', count: 5 }]);
    expect(outcome.issues.find((issue) => issue.code === 'not_a_date')?.message).toContain('no such time of day');
  });

  it('never quote a respondent id in a reason, a repeated short number neither: beside its keyed id it named whose pseudonym that is (adversarial run r33)', async () => {
    const store = scratch.store('id-reason.db');
    const outcome = await importFile(store, scratch.request('survey', scratch.file('ids.csv', [SURVEY_HEADER, surveyLine('1', '2026', 'Oudegem', 'F', '40'), surveyLine('1', '2026', 'Oudegem', 'M', '50'), surveyLine('R-1001', '2026', 'Oudegem', 'F', '60'), surveyLine('R-1001', '2026', 'Oudegem', 'M', '30')])));
    expect(outcome.rows).toMatchObject({ stored: 2, rejected: 2 });
    expect(outcome.issues.map((issue) => issue.value)).toEqual(['***', '***']);
    const rejects = readFileSync(outcome.rejectsFile!, 'utf8');
    expect(rejects).toContain('respondent_id `***` already appears');
    expect(rejects).not.toMatch(/`1`|R-1001/);
  });

  it('write a number that is not finite as the reason quotes it, in the rejects file\'s cell too (adversarial run r31, item 7)', async () => {
    const rows = ['NaN', '-Inf', 'Infinity', 'inf', 'Infinity Peeters'].map((age, i) => `${i + 1}0,2026-01-0${i + 1},Oudegem,drugs,complaint,${age}`);
    const outcome = await importFile(scratch.store('not-finite.db'), scratch.request('signals', scratch.file('not-finite.csv', ['id,date,district,theme,source,count', ...rows, '99,2026-02-01,Oudegem,drugs,complaint,1'])));
    const cells = readFileSync(outcome.rejectsFile!, 'utf8').split('\r\n').slice(1, -1).map((line) => line.split(/[,;]/).at(-1));
    // `-Inf` is neutralised as a formula would be; a word beside it may be a name: withheld
    expect(cells).toEqual(['NaN', "'-Inf", 'Infinity', 'inf', '***']);
    expect(outcome.issues.map((issue) => issue.value)).toEqual(['NaN', '-Inf', 'Infinity', 'inf', '***']);
  });

  it('read a date column that writes the month first as such, and refuse one that mixes both orders (adversarial run r30, minor)', async () => {
    const header = 'date,district,theme,source,count';
    const stored = (name: string) => rowsOf(scratch.store(name), 'SELECT date FROM signals ORDER BY date').map((row) => (row as { date: string }).date);
    // `12/31/2025` tells the column writes its month first: `03/05/2026` is 5 March (it was 3 May, and 12/31 rejected)
    const american = await importFile(scratch.store('month-first.db'), scratch.request('signals', scratch.file('month-first.csv', [header, '12/31/2025,Oudegem,drugs,complaint,1', '03/05/2026,Oudegem,drugs,complaint,2', '2026-04-01,Oudegem,drugs,complaint,3'])));
    expect(american.rows).toMatchObject({ read: 3, stored: 3, rejected: 0 });
    expect(stored('month-first.db')).toEqual(['2025-12-31', '2026-03-05', '2026-04-01']);
    // and the summary says so, never silent
    expect(american.monthFirstColumns).toEqual(['date']);
    expect(renderImportSummary(american, translator('en'), false).map((line) => line.text)).toContain('  dates in column `date` were read month first (03/05/2026 is 5 March): some of them can only be read that way (such as 12/31/2025)');
    // without such a cell, the day comes first, as Belgian and Dutch files write it
    const belgian = await importFile(scratch.store('day-first.db'), scratch.request('signals', scratch.file('day-first.csv', [header, '31/12/2025,Oudegem,drugs,complaint,1', '03/05/2026,Oudegem,drugs,complaint,2'])));
    expect(stored('day-first.db')).toEqual(['2025-12-31', '2026-05-03']);
    expect(belgian.monthFirstColumns).toEqual([]);
    // both orders in one column: which `03/05/2026` means is unknown, so nothing is read
    const mixed = scratch.file('mixed.csv', [header, '31/12/2025,Oudegem,drugs,complaint,1', '03/05/2026,Oudegem,drugs,complaint,2', '12/31/2025,Noord,drugs,complaint,3']);
    const error = await rejected(importFile(scratch.store('mixed.db'), scratch.request('signals', mixed)));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ detail: { key: 'input.date_orders_mixed', params: { column: 'date', other_line: 2 } }, location: { line: 4, column: 1 } });
    expect(translator('en').message((error as InputError).detail)).toBe('column `date` has dates written month first (such as 12/31/2025) and, on line 2, day first (such as 31/12/2025), so a date such as 05/06/2025 may be 5 June or 6 May: the file is not read.');
    expect(stored('mixed.db')).toEqual([]);
  });

  it('say the real bound of a birth year at its wave, and the length of a name over it (adversarial run r14, F10 b and e)', async () => {
    const store = scratch.store('bounds.db');
    const header = 'respondent_id;wave;district;sex;birth_year;unsafe_freq';
    const rows = ['B1;2030;Oudegem;M;2031;3', 'B2;2030;Oudegem;M;1900;3', 'B3;2030;Oudegem;M;1960;3', `B4;2030;Sint-${'Aa'.repeat(150)};M;1960;3`];
    const outcome = await importFile(store, scratch.request('survey', scratch.file('bounds.csv', [header, ...rows])));
    expect(outcome.rows).toMatchObject({ read: 4, stored: 1, rejected: 3 });
    // both years lie inside the column's own 1880-2100: the message gives the years of an age from 0 to 120 in 2030
    expect(outcome.issues.filter((issue) => issue.column === 'birth_year').map((issue) => issue.message)).toEqual([
      '`2031` in birth_year is out of range (allowed: 1910-2030)',
      '`1900` in birth_year is out of range (allowed: 1910-2030)',
    ]);
    // the name itself is withheld; the reason is its length, never an empty list of allowed values
    expect(outcome.issues.find((issue) => issue.column === 'district')?.message).toBe('`***` in district is longer than 200 characters');
  });

  it('refuse a count above 2^31 - 1, which a store check would then call damaged, and keep the largest one below (adversary r4, F4)', async () => {
    const store = scratch.store('signal-counts.db');
    const rows = ['2026-03-01,Oudegem,drugs,complaint,3000000000', '2026-03-02,Oudegem,drugs,complaint,2147483647'];
    const outcome = await importFile(store, scratch.request('signals', scratch.file('counts.csv', ['date,district,theme,source,count', ...rows])));
    expect(outcome.rows).toMatchObject({ read: 2, stored: 1, rejected: 1 });
    expect(outcome.issues[0].message).toBe('`3000000000` in count is out of range (allowed: a whole number from 1 to 2147483647)');
    expect(signalsBetween(store, null, '2026').map((row) => row.count)).toEqual([2147483647]);
  });

  it('refuse a district named as the whole area in any of the three languages (adversary r4, F9)', async () => {
    const store = scratch.store('whole-area.db');
    // and the names that print like it: full-width letters, an underscore, a full stop (adversarial run r12, 17)
    const names = ['Whole area', 'HELE ZONE', 'Ensemble-de-la-zone', 'Hele zonen', 'Ｗhole area', 'Whole_area', 'Whole area.'];
    const outcome = await importFile(store, scratch.request('population', scratch.file('areas.csv', ['district,sex,age_group,population', ...names.map((name) => `${name},M,15-29,10`)])));
    expect(outcome.rows).toMatchObject({ stored: 1, rejected: 6 });
    expect(counted(outcome)).toEqual([{ code: 'reserved_name', column: 'district', count: 6 }]);
    expect(outcome.issues[0].message).toContain('`Whole area` in district is what safety-scan calls the whole area');
  });

  it('refuse a district named as `plan` names the whole zone, in any of the three languages (adversarial run r18b, finding 4)', async () => {
    const store = scratch.store('plan-zone.db');
    const names = ['Whole zone (as one area)', 'Hele zone (als één gebied)', 'Ensemble de la zone (comme un seul territoire)', 'whole zone as one area'];
    const outcome = await importFile(store, scratch.request('population', scratch.file('zones.csv', ['district,sex,age_group,population', ...names.map((name) => `"${name}",M,15-29,10`), 'Oudegem,M,15-29,10'])));
    expect(outcome.rows).toMatchObject({ stored: 1, rejected: 4 });
    expect(counted(outcome)).toEqual([{ code: 'reserved_name', column: 'district', count: 4 }]);
  });

  describe('judged as a whole against the signals stored before them', () => {
    const SIGNALS = ['date,district,theme,source,count', ...Array.from({ length: 8 }, (_, i) => `2026-01-0${i + 1},Oudegem,drugs,complaint,${i + 1}`), '2026-01-01,Oudegem,drugs,complaint,1'];
    const said = (outcome: ImportOutcome) => renderImportSummary(outcome, translator('en'), false).map((line) => line.text.trim());
    const signalsIn = (store: ReturnType<Scratch['store']>) => (rowsOf(store, 'SELECT COUNT(*) AS n FROM signals')[0] as { n: number }).n;
    const withFirst = async (name: string) => {
      const store = scratch.store(`${name}.db`);
      const first = await importFile(store, scratch.request('signals', scratch.file(`${name}-first.csv`, SIGNALS)));
      expect(first).toMatchObject({ status: 'stored', batch: 1, rows: { stored: 9 }, overlap: null });
      return store;
    };

    it('the same signals in another order, or only some of them, add nothing: a no-op naming the batch, also in a dry run', async () => {
      const store = await withFirst('reordered');
      const reordered = scratch.file('reordered.csv', [SIGNALS[0], ...SIGNALS.slice(1).reverse()]);
      expect(await importFile(store, scratch.request('signals', reordered))).toMatchObject({ status: 'unchanged', sameAs: 1, batch: null, overlap: { rows: 9, batches: [1] } });
      expect(await importFile(store, scratch.request('signals', reordered, { dryRun: true }))).toMatchObject({ status: 'dry_run', sameAs: 1, overlap: { rows: 9, batches: [1] } });
      // the two alike in the file match the two alike stored; a third is a new occasion
      const part = scratch.file('part.csv', [SIGNALS[0], SIGNALS[1], SIGNALS[9], SIGNALS[4]]);
      const unchanged = await importFile(store, scratch.request('signals', part));
      expect(unchanged).toMatchObject({ status: 'unchanged', sameAs: 1 });
      expect(said(unchanged)).toEqual([`${part}: every row is already stored (batch 1), in another order or in other files; nothing to do. To import it again, use --replace.`]);
      expect(signalsIn(store)).toBe(9);
    });

    it('a new export holding most of a stored batch is refused, nothing stored, pointing at forget and --replace', async () => {
      const store = await withFirst('export');
      const longer = scratch.file('longer.csv', [...SIGNALS, '2026-02-01,Oudegem,drugs,complaint,2']);
      const error = await rejected(importFile(store, scratch.request('signals', longer)));
      expect(error).toBeInstanceOf(InputError);
      expect(error).toMatchObject({ detail: { key: 'input.stored_before', params: { rows: 9, total: 10, batches: '1', batch_count: 1 } } });
      expect(translator('en').message((error as InputError).detail)).toMatch(/^9 of the file's 10 signals are already stored \(batch 1\) with/);
      expect((error as InputError).hint).toMatchObject({ key: 'hint.stored_before', params: { count: 1, commands: 'safety-scan forget 1' } });
      await expect(importFile(store, scratch.request('signals', longer, { dryRun: true }))).rejects.toMatchObject({ detail: { key: 'input.stored_before' } });
      // a corrected export (one count changed): still most of the batch
      const corrected = scratch.file('corrected.csv', [...SIGNALS.slice(0, 8), '2026-01-08,Oudegem,drugs,complaint,80', SIGNALS[9]]);
      await expect(importFile(store, scratch.request('signals', corrected))).rejects.toMatchObject({ detail: { key: 'input.stored_before', params: { rows: 8 } } });
      expect(signalsIn(store)).toBe(9);
      expect(new Batches(store).list().map((batch) => batch.id)).toEqual([1]);
      expect(await importFile(store, scratch.request('signals', longer, { replace: true }))).toMatchObject({ status: 'stored', replaced: { rows: 9, batches: [1] }, overlap: null });
      expect(signalsIn(store)).toBe(10);
    });

    it('a few signals alike in a larger file are new occasions: stored and reported', async () => {
      const store = await withFirst('alike');
      const others = Array.from({ length: 7 }, (_, i) => `2026-03-0${i + 1},Oudegem,speeding,police_cafe,1`);
      const file = scratch.file('alike.csv', ['date,district,theme,source,count', SIGNALS[1], SIGNALS[2], ...others]);
      const outcome = await importFile(store, scratch.request('signals', file));
      expect(outcome).toMatchObject({ status: 'stored', batch: 2, rows: { stored: 9 }, overlap: { rows: 2, batches: [1] } });
      expect(said(outcome)[1]).toBe('2 signals equal ones already stored (batch 1); they count as new occasions. If they are the same signals, remove this batch (safety-scan forget 2).');
      expect(signalsIn(store)).toBe(18);
      const one = await importFile(store, scratch.request('signals', scratch.file('one.csv', ['date,district,theme,source,count', SIGNALS[3], ...others.slice(1).map((line) => line.replace('-03-', '-04-'))]), { dryRun: true }));
      expect(said(one)[1]).toBe('1 signal equals one already stored (batch 1); it counts as a new occasion.');
    });

    it('signals of another wave, or read from another file of the same rows split in two, are matched batch by batch', async () => {
      const store = await withFirst('split');
      const later = scratch.file('later.csv', ['date,district,theme,source,count', ...SIGNALS.slice(1).map((line) => line.replace('2026-', '2027-'))]);
      expect(await importFile(store, scratch.request('signals', later))).toMatchObject({ status: 'stored', batch: 2, overlap: null });
      const both = scratch.file('both.csv', ['date,district,theme,source,count', SIGNALS[3], '2027-01-03,Oudegem,drugs,complaint,3']);
      const spread = await importFile(store, scratch.request('signals', both));
      expect(spread).toMatchObject({ status: 'unchanged', sameAs: 1, overlap: { rows: 2, batches: [1, 2] } });
      expect(said(spread)[0]).toContain('every row is already stored (batches 1, 2)');
      // a signal filed under another wave is another signal
      expect(await importFile(store, scratch.request('signals', scratch.file('w.csv', ['date,district,theme,source,count,wave', `${SIGNALS[3]},2025`])))).toMatchObject({ status: 'stored', overlap: null });
    });
  });
});

describe('what a run decides', () => {
  const header = 'district,sex,age_group,population';

  it('keeps rows unless they go beyond the rejects limit or it is a dry run; a limit failure shows even in a dry run', () => {
    const rows = (valid: number, rejected: number) => ({ read: valid + rejected, valid, stored: 0, rejected, skipped: 0, blank: 0 });
    const strict = { rows: 0, option: '--strict' };
    const twoPercent = { share: 0.02, option: '--max-rejects 2%' };
    expect(decide({ limit: null, dryRun: false }, rows(7, 3))).toEqual({ status: 'stored', commit: true });
    expect(decide({ limit: strict, dryRun: false }, rows(7, 0))).toEqual({ status: 'stored', commit: true });
    expect(decide({ limit: strict, dryRun: false }, rows(7, 1))).toEqual({ status: 'strict_failed', commit: false });
    expect(decide({ limit: strict, dryRun: true }, rows(7, 1))).toEqual({ status: 'strict_failed', commit: false });
    expect(decide({ limit: null, dryRun: true }, rows(7, 1))).toEqual({ status: 'dry_run', commit: false });
    expect(decide({ limit: twoPercent, dryRun: false }, rows(98, 2))).toEqual({ status: 'stored', commit: true });
    expect(decide({ limit: twoPercent, dryRun: false }, rows(97, 3))).toEqual({ status: 'strict_failed', commit: false });
    expect(decide({ limit: { rows: 2, option: '--max-rejects 2' }, dryRun: false }, rows(1, 3))).toEqual({ status: 'strict_failed', commit: false });
  });

  it('--strict with a rejected row stores nothing and says so in its status', async () => {
    const store = scratch.store('strict.db');
    const outcome = await importFile(store, scratch.request('population', scratch.file('strict.csv', [header, 'Oudegem,M,15-29,10', 'Oudegem,Q,15-29,10']), { strict: true }));
    accounted(outcome);
    expect(outcome).toMatchObject({ status: 'strict_failed', batch: null, rows: { valid: 1, stored: 0, rejected: 1 } });
    expect(outcome.rejectsFile).toBe(scratch.path('rejects/strict.population.rejects.csv'));
    expect(new Batches(store).list()).toEqual([]);
    expect(rowsOf(store, 'SELECT * FROM population')).toEqual([]);
  });

  it('--strict without rejected rows stores as usual', async () => {
    const store = scratch.store('strict-ok.db');
    const outcome = await importFile(store, scratch.request('population', scratch.file('strict-ok.csv', [header, 'Oudegem,M,15-29,10']), { strict: true }));
    expect(outcome).toMatchObject({ status: 'stored', batch: 1, rows: { stored: 1 } });
  });

  it('--dry-run validates and stores nothing, with or without a store', async () => {
    const store = scratch.store('dry.db');
    const file = scratch.file('dry.csv', [header, 'Oudegem,M,15-29,10', 'Oudegem,Q,15-29,10']);
    for (const target of [store, null]) {
      const outcome = await importFile(target, scratch.request('population', file, { dryRun: true }));
      accounted(outcome);
      expect(outcome).toMatchObject({ status: 'dry_run', batch: null, rows: { read: 2, valid: 1, stored: 0, rejected: 1 } });
      expect(existsSync(outcome.rejectsFile!)).toBe(true);
    }
    expect(new Batches(store).list()).toEqual([]);
  });

  it('the same content with the same options again is a no-op naming the batch that holds it', async () => {
    const store = scratch.store('same.db');
    const file = scratch.file('same.csv', [header, 'Oudegem,M,15-29,10']);
    const first = await importFile(store, scratch.request('population', file));
    const again = await importFile(store, scratch.request('population', file));
    expect(again).toMatchObject({ status: 'unchanged', sameAs: first.batch, batch: null, rows: { read: 0, stored: 0 } });
    expect(await importFile(store, scratch.request('population', file, { dryRun: true }))).toMatchObject({ status: 'dry_run', sameAs: first.batch });
    const otherWave = await importFile(store, scratch.request('population', file, { wave: '2026' }));
    expect(otherWave).toMatchObject({ status: 'stored', sameAs: null, waves: ['2026'] });
    expect(new Batches(store).list().map((batch) => batch.id)).toEqual([1, 2]);
  });

  it('--replace takes over the waves of earlier batches of the kind, and removes batches left empty', async () => {
    const store = scratch.store('replace.db');
    await importFile(store, scratch.request('population', scratch.file('old.csv', [header + ',wave', 'Oudegem,M,15-29,10,2026', 'Oudegem,F,15-29,10,2026'])));
    await importFile(store, scratch.request('population', scratch.file('older.csv', [header + ',wave', 'Oudegem,M,15-29,10,2023'])));
    const outcome = await importFile(store, scratch.request('population', scratch.file('new.csv', [header + ',wave', 'Oudegem,M,15-29,12,2026']), { replace: true }));
    expect(outcome).toMatchObject({ status: 'stored', batch: 3, replaced: { rows: 2, batches: [1] } });
    expect(new Batches(store).counts().population).toEqual({ 2023: 1, 2026: 1 });
  });

  it('a file without data rows is refused whole, and leaves no batch behind', async () => {
    const store = scratch.store('empty.db');
    const error = await rejected(importFile(store, scratch.request('population', scratch.file('empty.csv', [header, '', ',,,']))));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ detail: { key: 'input.no_rows' } });
    expect(new Batches(store).list()).toEqual([]);
  });
});
