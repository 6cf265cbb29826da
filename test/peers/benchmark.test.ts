// Peer benchmarks without a server: what a zone may publish (never a suppressed cell, never a cell below the
// shared threshold, nothing a subtraction could undo), the comparison with other zones, its renderings, and the
// refusal on a store of one zone. The shared store itself is tested in test/pg/benchmark.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/config/settings.js';
import { Evidence } from '../../src/evidence/evidence.js';
import { translator } from '../../src/i18n/index.js';
import { benchmarkZone, PEER_LEVEL, PEER_MIN_CELL, peerSettings, publishableCells, type PeerCell } from '../../src/peers/benchmark.js';
import { BENCHMARK_RENDERERS } from '../../src/render/benchmark.js';
import type { RenderView } from '../../src/render/formats.js';
import { Store } from '../../src/store/db.js';
import { SqliteReader } from '../../src/store/reader.js';
import { Chalk } from 'chalk';
import { useDemoZone } from '../helpers/cli.js';

const demo = useDemoZone();
let store: Store;
beforeAll(() => {
  store = Store.open(demo.path('zone', 'safety-scan.db'), { mode: 'read' });
});
afterAll(() => store.close());

describe('what a zone publishes', () => {
  it('raises a lower minimum cell to the shared one and fixes the interval level, keeping the rest of the settings', () => {
    const settings = defaultSettings();
    const lower = { ...settings, estimates: { ...settings.estimates, minCell: 3, level: 0.9 } };
    const shared = peerSettings(lower);
    expect(shared.estimates).toEqual({ ...settings.estimates, minCell: PEER_MIN_CELL, level: PEER_LEVEL });
    expect(shared.weighting).toBe(lower.weighting);
    const higher = { ...settings, estimates: { ...settings.estimates, minCell: 25 } };
    expect(peerSettings(higher).estimates.minCell).toBe(25);
    expect(peerSettings(settings)).toBe(settings);
  });

  it('publishes the whole area and the shown districts only: no suppressed cell, none below the threshold, none recoverable by subtraction', async () => {
    // a zone that would show cells of 3 answers: its publication still holds none below the shared threshold
    const settings = defaultSettings();
    const lenient = { ...settings, estimates: { ...settings.estimates, minCell: 3 } };
    const own = await new Evidence(new SqliteReader(store), lenient).estimates('2026');
    expect(own.rows.some((row) => row.district !== null && row.n < PEER_MIN_CELL && row.flag !== 'suppressed')).toBe(true);
    const estimates = await new Evidence(new SqliteReader(store), peerSettings(lenient)).estimates('2026');
    const cells = publishableCells('Gent', estimates);
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.every((cell) => cell.n >= PEER_MIN_CELL && cell.zone === 'Gent' && cell.wave === '2026')).toBe(true);
    const suppressed = new Set(estimates.rows.filter((row) => row.flag === 'suppressed').map((row) => `${row.indicator}/${row.district}`));
    expect(suppressed.size).toBeGreaterThan(0);
    expect(cells.filter((cell) => suppressed.has(`${cell.indicator}/${cell.district}`))).toEqual([]);
    for (const definition of settings.codebook.indicators) {
      const mine = cells.filter((cell) => cell.indicator === definition.id);
      expect(mine.filter((cell) => cell.district === null)).toHaveLength(1);
      // with the whole area published, one district missing alone could be found by subtraction
      const missing = estimates.districts.length - mine.filter((cell) => cell.district !== null).length;
      expect(missing === 0 || missing >= 2, `${definition.id}: ${missing} district(s) withheld`).toBe(true);
    }
  });
});

const cell = (zone: string, indicator: string, estimate: number, se: number, extra: Partial<PeerCell> = {}): PeerCell => ({
  zone,
  district: null,
  wave: '2026',
  indicator,
  estimate,
  se,
  ciLow: estimate - 2 * se,
  ciHigh: estimate + 2 * se,
  n: 400,
  nEff: 300,
  ...extra,
});

const indicators = [
  { id: 'unsafe_general', kind: 'share' as const, range: [0, 1] as const },
  { id: 'police_satisfaction', kind: 'mean' as const, range: [1, 5] as const },
];

function example() {
  const own = [cell('Gent', 'unsafe_general', 0.3, 0.02), cell('Gent', 'unsafe_general', 0.5, 0.05, { district: 'Oudegem' })];
  const others = [
    ...own,
    cell('Mechelen', 'unsafe_general', 0.2, 0.02),
    cell('Aalst', 'unsafe_general', 0.31, 0.03),
    cell('Aalst', 'police_satisfaction', 3.4, 0.1),
    cell('Aalst', 'unsafe_general', 0.9, 0.01, { district: 'Centrum' }),
    cell('Aalst', 'unsafe_general', 0.9, 0.01, { wave: '2023' }),
    cell('Aalst', 'their_own', 0.5, 0.01),
  ];
  return benchmarkZone({ zone: 'Gent', wave: '2026', cells: own }, others, indicators, 0.05);
}

describe('the comparison with other zones', () => {
  it('sets the whole area beside each other zone of the same wave, with a z-test and q-values over every row', () => {
    const result = example();
    expect(result.peers).toEqual(['Aalst', 'Mechelen']);
    expect(result.published).toBe(2);
    expect(result.rows.map((row) => [row.indicator, row.peer])).toEqual([
      ['unsafe_general', 'Aalst'],
      ['unsafe_general', 'Mechelen'],
      ['police_satisfaction', 'Aalst'],
    ]);
    const [aalst, mechelen, satisfaction] = result.rows;
    expect(mechelen.diff).toBeCloseTo(0.1, 12);
    expect(mechelen.se).toBeCloseTo(Math.sqrt(0.0008), 12);
    expect(mechelen.z).toBeCloseTo(0.1 / Math.sqrt(0.0008), 10);
    // R: 2 * pnorm(-0.1 / sqrt(0.0008)) = 0.000406952...
    expect(mechelen.p).toBeCloseTo(0.000406952, 8);
    expect(aalst.diff).toBeCloseTo(-0.01, 12);
    // R: p.adjust(c(2 * pnorm(-0.01 / sqrt(0.0013)), 0.000406952), "BH")
    expect(aalst.q).toBeCloseTo(aalst.p ?? Number.NaN, 12);
    expect(mechelen.q).toBeCloseTo(0.000813904, 8);
    expect(mechelen.significant).toBe(true);
    expect(aalst.significant).toBe(false);
    // this zone published no whole-area figure for the indicator: shown, not tested
    expect(satisfaction.own).toBeNull();
    expect(satisfaction.p).toBeNull();
    expect(satisfaction.significant).toBeNull();
    expect(result.familySize).toBe(2);
  });

  it('leaves out another zone\'s figures that could not have been published, and says how many (adversary r4, F10)', () => {
    const own = [cell('Gent', 'unsafe_general', 0.3, 0.02), cell('Gent', 'police_satisfaction', 3.5, 0.05)];
    const poisoned = [
      cell('Aalst', 'unsafe_general', Number.NaN, Number.NaN),
      cell('Aalst', 'police_satisfaction', 1e308, 1e308, { ciLow: -1e308, ciHigh: Number.POSITIVE_INFINITY }),
      cell('Mechelen', 'unsafe_general', -5, 2.5, { ciLow: -10, ciHigh: 0 }),
      cell('Mechelen', 'police_satisfaction', 3.4, 0.1, { n: 4 }),
      cell('Mechelen', 'police_satisfaction', 3.4, 0.1, { nEff: 900 }),
      cell('Lier', 'unsafe_general', 0.25, 0.02),
      // a district's row is not compared, so not judged either
      cell('Lier', 'unsafe_general', Number.NaN, 0.02, { district: 'Centrum' }),
    ];
    const result = benchmarkZone({ zone: 'Gent', wave: '2026', cells: own }, poisoned, indicators, 0.05);
    expect(result.rows.map((row) => [row.indicator, row.peer])).toEqual([['unsafe_general', 'Lier']]);
    expect(result.leftOut).toEqual([{ zone: 'Aalst', cells: 2 }, { zone: 'Mechelen', cells: 3 }]);
    expect(result.peers).toEqual(['Lier']);
    expect(example().leftOut).toEqual([]);
  });

  it('has no rows when no other zone published the wave', () => {
    const result = benchmarkZone({ zone: 'Gent', wave: '2026', cells: [cell('Gent', 'unsafe_general', 0.3, 0.02)] }, [cell('Gent', 'unsafe_general', 0.3, 0.02)], indicators, 0.05);
    expect(result.rows).toEqual([]);
    expect(result.peers).toEqual([]);
  });
});

function view(lang: 'en' | 'nl' | 'fr'): RenderView {
  const settings = defaultSettings();
  return { t: translator(lang), colors: new Chalk({ level: 0 }), width: 100, definitions: new Map(settings.codebook.indicators.map((d) => [d.id, d])) };
}

describe('renderings', () => {
  it('JSON: every figure with its interval and the test, the zone and its peers', () => {
    const json = JSON.parse(BENCHMARK_RENDERERS.json(example()));
    expect(json).toMatchObject({ schema_version: 1, zone: 'Gent', wave: '2026', level: 0.95, published: 2, peers: ['Aalst', 'Mechelen'], family_size: 2 });
    expect(json.rows[1]).toMatchObject({ indicator: 'unsafe_general', peer: 'Mechelen', own: { estimate: 0.3, ci_low: 0.26, n: 400 }, other: { estimate: 0.2 }, significant: true });
    expect(json.rows[2].own).toBeNull();
  });

  it('table and Markdown in each language put the significant difference first and say what the figures are', () => {
    for (const lang of ['en', 'nl', 'fr'] as const) {
      const v = view(lang);
      const table = BENCHMARK_RENDERERS.table(example(), v);
      const lines = table.split('\n');
      expect(lines[0]).toContain('Gent');
      const first = lines.findIndex((line) => line.includes('Mechelen'));
      expect(first).toBeGreaterThan(0);
      expect(first).toBeLessThan(lines.findIndex((line) => line.includes('Aalst')));
      expect(table).toContain(v.t('benchmark.legend', { level: '95', min: PEER_MIN_CELL }).slice(0, 20));
      const md = BENCHMARK_RENDERERS.md(example(), v);
      expect(md.startsWith('# ')).toBe(true);
      expect(md).toContain(v.t('compare.significant_marker'));
    }
  });

  it('says so when no other zone has figures', () => {
    const lonely = benchmarkZone({ zone: 'Gent', wave: '2026', cells: [] }, [], indicators, 0.05);
    const oneLine = (text: string) => text.replace(/\s+/g, ' ');
    expect(oneLine(BENCHMARK_RENDERERS.table(lonely, view('nl')))).toContain(oneLine(translator('nl')('benchmark.no_peers', { wave: '2026' })));
  });

  it('CSV: the columns scripts read, one row per zone and indicator', () => {
    const csv = BENCHMARK_RENDERERS.csv(example(), view('en')).trim().split(/\r?\n/);
    expect(csv[0]).toBe('indicator,unit,wave,zone,estimate,ci_low,ci_high,n,peer,peer_estimate,peer_ci_low,peer_ci_high,peer_n,diff,se,z,p,q,significant');
    expect(csv).toHaveLength(4);
  });
});
