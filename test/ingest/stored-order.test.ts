// The stored order of respondents and key figures carries no information about the file's row order (adversary r4,
// F5): with sequential ids, position i would give the id of line i + 2 and reverse every pseudonym without the key.
import { afterAll, describe, expect, it } from 'vitest';
import { importFile } from '../../src/ingest/import.js';
import { Pseudonymiser, pseudonymText } from '../../src/ingest/privacy.js';
import { Store } from '../../src/store/db.js';
import { keyFiguresFor } from '../../src/store/sources.js';
import { loadSurveyWave } from '../../src/store/survey.js';
import { SURVEY_HEADER, Scratch, codebook, surveyLine } from './helpers.js';

const scratch = new Scratch();
afterAll(() => scratch.remove());

/** One fixed key, so the pseudonyms (and the figures below) are the same on every run. */
const KEY = 'b4bf4fcdf7ca6ebd23029f5802a4ba92e6079ab28ff9687a59f3d1276f3ac692';
const opened: Store[] = [];
afterAll(() => {
  for (const store of opened) store.close();
});

function keyedStore(name: string): Store {
  const store = Store.open(scratch.path(name), { mode: 'write', keys: { env: { SAFETY_SCAN_KEY: KEY } } });
  opened.push(store);
  return store;
}

/** Spearman's rank correlation of two lists without ties. */
function spearman(x: number[], y: number[]): number {
  const ranks = (values: number[]) => {
    const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
    const rank = new Array<number>(values.length);
    order.forEach((index, r) => {
      rank[index] = r;
    });
    return rank;
  };
  const rx = ranks(x);
  const ry = ranks(y);
  const n = x.length;
  const d2 = rx.reduce((sum, r, i) => sum + (r - ry[i]) ** 2, 0);
  return 1 - (6 * d2) / (n * (n * n - 1));
}

const DISTRICTS = ['Oudegem', 'Baasrode', 'Mespelare'];
const SEXES = ['M', 'F', 'X'];
const surveyIds = Array.from({ length: 500 }, (_, i) => `R${String(i + 1).padStart(4, '0')}`);
const surveyLines = surveyIds.map((id, i) => surveyLine(id, '2026', DISTRICTS[i % 3], SEXES[i % 2], String(18 + (i % 60)), String(1 + (i % 4))));

/** Every stored column of a batch's chunks, as bytes, for comparing two stores. */
const storedColumns = (store: Store) =>
  store.db.prepare('SELECT c.wave, c.chunk, c.rows, c.districts, s.name, hex(s.data) AS data FROM survey_chunks c JOIN survey_columns s USING (batch_id, wave, chunk) ORDER BY c.wave, c.chunk, s.name').all();

describe('respondents are stored in the order of their answers, then pseudonym', () => {
  it('stores sequential ids R0001..R0500 in an order unrelated to the file: by content, then pseudonym, every column alike', async () => {
    const store = keyedStore('survey.db');
    const outcome = await importFile(store, scratch.request('survey', scratch.file('survey.csv', [SURVEY_HEADER, ...surveyLines]), { storePath: store.path }));
    expect(outcome.rows).toMatchObject({ read: 500, stored: 500, rejected: 0 });
    const keys = new Pseudonymiser(store.secret()).keysNow(surveyIds);
    const idOf = new Map(surveyIds.map((_id, i) => [pseudonymText(keys[2 * i], keys[2 * i + 1]), i]));
    const data = store.db.prepare("SELECT data FROM survey_columns WHERE name = 'key'").pluck().get() as Buffer;
    const stored = Array.from({ length: 500 }, (_, i) => pseudonymText(data.readUInt32LE(8 * i), data.readUInt32LE(8 * i + 4)));
    const numbers = stored.map((pseudonym) => idOf.get(pseudonym) ?? -1);
    expect(new Set(numbers).size).toBe(500);
    expect(numbers).not.toContain(-1);
    expect(Math.abs(spearman(numbers, stored.map((_, i) => i)))).toBeLessThan(0.2);
    // every column moved with its respondent: each one's answers are those of its own line
    const wave = loadSurveyWave(store, '2026');
    const unsafe = wave.items.get('unsafe_freq');
    numbers.forEach((line, i) => {
      expect([wave.districts[wave.district[i]], wave.sex[i], wave.age[i], unsafe?.[i]]).toEqual([DISTRICTS[line % 3], line % 2, 18 + (line % 60), 1 + (line % 4)]);
    });
    // the order is that of the content (district name, sex, age, answers), then the pseudonym: nothing of the file's
    const sortKey = (i: number) => [wave.districts[wave.district[i]], ...[wave.sex[i] + 1, wave.age[i] + 1, unsafe![i]].map((part) => String(part).padStart(5, '0')), stored[i]].join('|');
    const keysInOrder = stored.map((_, i) => sortKey(i));
    expect(keysInOrder).toEqual([...keysInOrder].sort());
  });

  it('stores the same bytes whatever the file order, so every estimate is the same', async () => {
    const forward = keyedStore('forward.db');
    const backward = keyedStore('backward.db');
    await importFile(forward, scratch.request('survey', scratch.file('forward.csv', [SURVEY_HEADER, ...surveyLines]), { storePath: forward.path }));
    await importFile(backward, scratch.request('survey', scratch.file('backward.csv', [SURVEY_HEADER, ...[...surveyLines].reverse()]), { storePath: backward.path }));
    expect(storedColumns(backward)).toEqual(storedColumns(forward));
  });
});

describe('key figures are stored in pseudonym order', () => {
  const themes = codebook.themes;
  const header = 'interview_id,wave,district,organisation_type,theme,severity,trend';
  const interviewIds = Array.from({ length: 40 }, (_, i) => `K${String(i + 1).padStart(2, '0')}`);
  const lines = interviewIds.flatMap((id, i) => [
    `${id},2026,${DISTRICTS[i % 3]},school,${themes[i % themes.length]},${1 + (i % 5)},worse`,
    `${id},2026,${DISTRICTS[(i + 1) % 3]},police,${themes[(i + 1) % themes.length]},${1 + ((i * 3) % 5)},same`,
  ]);

  it('stores interviews K01..K40 in an order unrelated to the file, sorted by pseudonym, district and theme', async () => {
    const store = keyedStore('keyfigures.db');
    const outcome = await importFile(store, scratch.request('keyfigures', scratch.file('kf.csv', [header, ...lines]), { storePath: store.path }));
    expect(outcome.rows).toMatchObject({ read: 80, stored: 80, rejected: 0 });
    const keys = new Pseudonymiser(store.secret()).keysNow(interviewIds);
    const idOf = new Map(interviewIds.map((_id, i) => [pseudonymText(keys[2 * i], keys[2 * i + 1]), i]));
    const rows = store.db.prepare('SELECT interview, district, theme FROM keyfigures ORDER BY rowid').all() as Array<{ interview: string; district: string; theme: string }>;
    const numbers = rows.map((row) => idOf.get(row.interview) ?? -1);
    expect(numbers).not.toContain(-1);
    const firsts = numbers.filter((_, i) => i % 2 === 0);
    expect(Math.abs(spearman(firsts, firsts.map((_, i) => i)))).toBeLessThan(0.2);
    const key = (row: { interview: string; district: string; theme: string }) => `${row.interview}|${row.district}|${row.theme}`;
    expect(rows.map(key)).toEqual(rows.map(key).sort());
  });

  it('stores and reads the same rows whatever the file order', async () => {
    const forward = keyedStore('kf-forward.db');
    const backward = keyedStore('kf-backward.db');
    await importFile(forward, scratch.request('keyfigures', scratch.file('kf-forward.csv', [header, ...lines]), { storePath: forward.path }));
    await importFile(backward, scratch.request('keyfigures', scratch.file('kf-backward.csv', [header, ...[...lines].reverse()]), { storePath: backward.path }));
    const table = (store: Store) => store.db.prepare('SELECT wave, interview, district, organisation_type, theme, severity, trend FROM keyfigures ORDER BY rowid').all();
    expect(table(backward)).toEqual(table(forward));
    expect(keyFiguresFor(backward, '2026')).toEqual(keyFiguresFor(forward, '2026'));
  });
});
