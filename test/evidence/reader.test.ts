// The read side of the store seam: the evidence layer asks a StoreReader for each thing once per run, however
// many outputs need it, and a SQLite store opened to read stays open until asynchronous work is done with it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Codebook } from '../../src/config/codebook.js';
import { defaultSettings } from '../../src/config/settings.js';
import { Evidence } from '../../src/evidence/evidence.js';
import { loadGoals } from '../../src/goals/file.js';
import { buildReport } from '../../src/report/model.js';
import { Store } from '../../src/store/db.js';
import type { FiguresNeed } from '../../src/store/population.js';
import { readingSqlite, SqliteReader, type StoreReader } from '../../src/store/reader.js';
import type { ItemScales } from '../../src/store/survey.js';
import { DEMO, explain, useDemoZone, Workdir } from '../helpers/cli.js';

const demo = useDemoZone();
let store: Store;

beforeAll(() => {
  store = Store.open(demo.path('zone', 'safety-scan.db'), { mode: 'read' });
});
afterAll(() => store.close());

/** A reader that counts what it is asked, call by call, and hands the question on. */
class CountingReader implements StoreReader {
  readonly calls = new Map<string, number>();

  constructor(private readonly inner: StoreReader) {}

  private count(call: string): void {
    this.calls.set(call, (this.calls.get(call) ?? 0) + 1);
  }

  surveyWaves() {
    this.count('surveyWaves');
    return this.inner.surveyWaves();
  }
  surveyWave(wave: string, scales: ItemScales) {
    this.count(`surveyWave ${wave}`);
    return this.inner.surveyWave(wave, scales);
  }
  populationFigures(wave: string, need: FiguresNeed) {
    this.count(`populationFigures ${wave} ${need}`);
    return this.inner.populationFigures(wave, need);
  }
  keyFigures(wave: string) {
    this.count(`keyFigures ${wave}`);
    return this.inner.keyFigures(wave);
  }
  signalsBetween(after: string | null, upTo: string) {
    this.count(`signalsBetween ${after} ${upTo}`);
    return this.inner.signalsBetween(after, upTo);
  }
  monitorRows(codebook: Codebook) {
    this.count('monitorRows');
    return this.inner.monitorRows(codebook);
  }
  batches() {
    this.count('batches');
    return this.inner.batches();
  }
  rowCounts() {
    this.count('rowCounts');
    return this.inner.rowCounts();
  }
}

describe('the evidence layer over a StoreReader', () => {
  it('reads each thing once for a whole report with goals, the model and two waves', async () => {
    const reader = new CountingReader(new SqliteReader(store));
    const settings = defaultSettings();
    const evidence = new Evidence(reader, { ...settings, smallAreas: { ...settings.smallAreas, forGoals: true } });
    const model = await buildReport(evidence, { wave: await evidence.wave(), goals: loadGoals(`${DEMO}/goals.yaml`) });
    expect(model.comparison?.from).toBe('2023');
    expect(model.check.goals.some((goal) => goal.model !== null)).toBe(true);
    expect(Object.fromEntries(reader.calls)).toEqual({
      surveyWaves: 1,
      'surveyWave 2023': 1,
      'surveyWave 2026': 1,
      'populationFigures 2023 rake': 1,
      'populationFigures 2026 rake': 1,
      'keyFigures 2026': 1,
      'signalsBetween 2023 2026': 1,
      monitorRows: 1,
      rowCounts: 1,
    });
  });

  it('estimates a wave asked for twice at once only once', async () => {
    const reader = new CountingReader(new SqliteReader(store));
    const evidence = new Evidence(reader, defaultSettings());
    const [a, b] = await Promise.all([evidence.estimates('2026'), evidence.estimates('2026')]);
    expect(a).toBe(b);
    expect(reader.calls.get('surveyWave 2026')).toBe(1);
  });
});

describe('a SQLite store opened to read', () => {
  it('stays open while the work awaits, and is closed once it is done', async () => {
    let kept: StoreReader | null = null;
    const waves = await readingSqlite(demo.path('zone', 'safety-scan.db'), async (reader) => {
      kept = reader;
      await new Promise((resolve) => setImmediate(resolve));
      return reader.surveyWaves();
    });
    expect(waves).toEqual(['2023', '2026']);
    await expect((kept as StoreReader | null)?.surveyWaves()).rejects.toThrow(/not open/);
  });

  it('reads one snapshot: an import another run commits meanwhile is not seen halfway through the work', async () => {
    const dir = new Workdir();
    try {
      await dir.run(['import', '--kind', 'population', `${DEMO}/population.csv`]);
      await dir.run(['import', '--kind', 'survey', `${DEMO}/survey-2023.csv`]);
      const path = dir.path('safety-scan.db');
      const seen = await readingSqlite(path, async (reader) => {
        const before = { waves: await reader.surveyWaves(), batches: (await reader.batches()).length, counts: await reader.rowCounts() };
        const imported = await dir.run(['import', '--kind', 'survey', `${DEMO}/survey-2026.csv`]);
        expect(imported.code, explain(imported)).toBe(0);
        const after = { waves: await reader.surveyWaves(), batches: (await reader.batches()).length, counts: await reader.rowCounts() };
        return { before, after };
      });
      expect(seen.after).toEqual(seen.before);
      expect(seen.before.waves).toEqual(['2023']);
      // the next run sees the import whole
      expect(await readingSqlite(path, (reader) => reader.surveyWaves())).toEqual(['2023', '2026']);
    } finally {
      dir.remove();
    }
  });
});
