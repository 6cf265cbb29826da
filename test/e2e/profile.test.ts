// `safety-scan profile` on the demo zone, end to end: every source for a district side by side (survey indicators
// with a district-vs-whole-area test, residents' ranking beside key-figure interviews with divergences, signals,
// monitor benchmarks), checked against the demo fixtures themselves and R's estimates (demo-golden.json).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BUILT_IN_INDICATORS, PROBLEM_THEMES, indicatorLabel, themeLabel } from '../../src/config/codebook.js';
import { en } from '../../src/i18n/en.js';
import { DEMO, Workdir, explain, type Run } from '../helpers/cli.js';

// The normal distribution function from the library the CLI uses (its CommonJS entry, as src/stats/intervals.ts).
const { ndtr } = createRequire(import.meta.url)('cephes') as { ndtr: (x: number) => number };

const WAVE = '2026';
const PREVIOUS = '2023';
const THEMES: string[] = [...PROBLEM_THEMES];
const HEADLINES = BUILT_IN_INDICATORS.filter((definition) => !definition.id.startsWith('problem_'));

type Num = number | null;

// ---- the tool's JSON ----
interface Comparison {
  diff: Num;
  se: Num;
  z: Num;
  p: Num;
}
interface ProfileIndicator {
  indicator: string;
  estimate: Num;
  se: Num;
  ci_low: Num;
  ci_high: Num;
  n: number;
  n_eff: Num;
  flag: string;
  vs_area: Comparison | null;
}
interface ResidentRank {
  theme: string;
  rank: number;
  estimate: number;
  ci_low: Num;
  ci_high: Num;
  n: number;
  flag: string;
}
interface KeyFigure {
  theme: string;
  rank: number;
  interviews: number;
  organisation_types: number;
  mean_severity: number;
  share_serious: number;
  spread: Num;
  trend_balance: Num;
  trend_answers: number;
  few_interviews: boolean;
}
interface SignalCount {
  theme: string;
  count: number;
  by_source: Record<string, number>;
}
interface Benchmark extends Comparison {
  indicator: string;
  area: string;
  monitor_wave: string;
  value: number;
  ci_low: Num;
  ci_high: Num;
  benchmark_se: Num;
  estimate: Num;
  estimate_se: Num;
}
interface Divergence {
  theme: string;
  direction: 'residents_higher' | 'key_figures_higher';
  residents_rank: number;
  residents_ranked: number;
  key_figures_rank: number;
  key_figures_ranked: number;
  interviews: number;
}
interface View {
  district: string | null;
  indicators: ProfileIndicator[];
  residents_ranking: ResidentRank[];
  key_figures: KeyFigure[];
  signals: SignalCount[];
  benchmarks: Benchmark[];
  divergences: Divergence[];
}
interface Profiles {
  schema_version: number;
  wave: string;
  previous_wave: string | null;
  signal_waves: string[];
  weighting: { method: string; respondents: number };
  districts: View[];
  area: View;
}

// ---- the fixtures, read here independently of the tool ----
interface GoldenRow {
  indicator: string;
  district: string | null;
  n: number;
  suppressed: boolean;
  estimate: Num;
  se?: number;
}
const golden = JSON.parse(readFileSync(new URL('../golden/demo-golden.json', import.meta.url), 'utf8')) as {
  districts: string[];
  waves: Record<string, { respondents: number; rows: GoldenRow[] }>;
};
const DISTRICTS = golden.districts;
const goldenRow = (indicator: string, district: string | null) => golden.waves[WAVE].rows.find((row) => row.indicator === indicator && row.district === district)!;

interface KeyFigureRow {
  interview_id: string;
  wave: string;
  district: string;
  organisation_type: string;
  theme: string;
  severity: string;
  trend: string;
}
const keyFigureRows = (parse(readFileSync(`${DEMO}/keyfigures.csv`), { columns: true, skip_empty_lines: true }) as KeyFigureRow[]).filter((row) => row.wave === WAVE);

interface SignalRow {
  date: string;
  district: string;
  theme: string;
  source: string;
  count: string;
}
const signalRows = parse(readFileSync(`${DEMO}/signals.csv`), { columns: true, skip_empty_lines: true }) as SignalRow[];

interface MonitorRow {
  wave: string;
  area: string;
  indicator: string;
  value: string;
  ci_low: string;
  ci_high: string;
}
const monitorRows = parse(readFileSync(`${DEMO}/monitor.csv`), { columns: true, delimiter: ';', skip_empty_lines: true, trim: true }) as MonitorRow[];
const percent = (text: string) => Number(text.replace(',', '.')) / 100;

const population = new Map<string, number>();
for (const line of readFileSync(`${DEMO}/population.csv`, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).slice(1)) {
  const [district, , , count] = line.split('|');
  population.set(district, (population.get(district) ?? 0) + Number(count));
}
const POPULATION = [...population.values()].reduce((a, b) => a + b, 0);

/** Key-figure summaries of one district (null: all together) for the wave, by the documented definitions. */
function keyFiguresByHand(district: string | null) {
  const rows = keyFigureRows.filter((row) => district === null || row.district === district);
  const themes = [...new Set(rows.map((row) => row.theme))];
  const summaries = themes.map((theme) => {
    const own = rows.filter((row) => row.theme === theme);
    const severities = own.map((row) => Number(row.severity));
    const n = severities.length;
    const mean = severities.reduce((a, b) => a + b, 0) / n;
    const spread = n > 1 ? Math.sqrt(severities.reduce((a, s) => a + (s - mean) ** 2, 0) / (n - 1)) : null;
    const trends = own.filter((row) => row.trend !== '');
    const interviews = new Set(own.map((row) => row.interview_id)).size;
    return {
      theme,
      interviews,
      organisation_types: new Set(own.map((row) => row.organisation_type)).size,
      mean_severity: mean,
      share_serious: severities.filter((s) => s >= 4).length / n,
      spread,
      trend_balance: trends.length === 0 ? null : (trends.filter((r) => r.trend === 'worse').length - trends.filter((r) => r.trend === 'better').length) / trends.length,
      trend_answers: trends.length,
      few_interviews: interviews < 3,
    };
  });
  // the most serious first: mean severity, then share serious, then theme code
  summaries.sort((a, b) => b.mean_severity - a.mean_severity || b.share_serious - a.share_serious || (a.theme < b.theme ? -1 : 1));
  return summaries.map((summary, i) => ({ ...summary, rank: i + 1 }));
}

/** Signals of the waves after the previous survey wave up to this one (a signal's wave is its date's year). */
function signalsByHand(district: string | null): SignalCount[] {
  const counts = new Map<string, SignalCount>();
  for (const row of signalRows) {
    const wave = row.date.slice(0, 4);
    if (!(wave > PREVIOUS && wave <= WAVE)) continue;
    if (district !== null && row.district !== district) continue;
    const entry = counts.get(row.theme) ?? { theme: row.theme, count: 0, by_source: {} };
    entry.count += Number(row.count);
    entry.by_source[row.source] = (entry.by_source[row.source] ?? 0) + Number(row.count);
    counts.set(row.theme, entry);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || (a.theme < b.theme ? -1 : 1));
}

/** The rule: in one source's top 3 and in the other's bottom half (rank > ceil(ranked / 2)), with >= 3 interviews. */
function divergencesByHand(residents: Array<{ theme: string; rank: number }>, keyFigures: Array<{ theme: string; rank: number; interviews: number }>) {
  const bottomHalf = (rank: number, ranked: number) => rank > Math.ceil(ranked / 2);
  const result: Divergence[] = [];
  for (const k of keyFigures) {
    const r = residents.find((entry) => entry.theme === k.theme);
    if (!r || k.interviews < 3) continue;
    const base = { theme: k.theme, residents_rank: r.rank, residents_ranked: residents.length, key_figures_rank: k.rank, key_figures_ranked: keyFigures.length, interviews: k.interviews };
    if (r.rank <= 3 && bottomHalf(k.rank, keyFigures.length)) result.push({ ...base, direction: 'residents_higher' });
    else if (k.rank <= 3 && bottomHalf(r.rank, residents.length)) result.push({ ...base, direction: 'key_figures_higher' });
  }
  return result.sort((a, b) => (a.theme < b.theme ? -1 : 1));
}

const twoSidedP = (z: number) => 2 * ndtr(-Math.abs(z));
const closeRel = (actual: number, expected: number, tolerance: number) => Math.abs(actual - expected) <= tolerance * Math.max(Math.abs(expected), 1e-300);

// ---- runs ----
let work: Workdir;
let all: Profiles; // profile --json, every district
let zwijnaardeTable: Run;
const STORE = () => ['--store', work.path('zone', 'safety-scan.db')];
const profile = (...args: string[]) => work.run([...STORE(), 'profile', ...args]);
function ok(run: Run): Run {
  expect(run.code, explain(run)).toBe(0);
  return run;
}
const view = (district: string | null) => (district === null ? all.area : all.districts.find((v) => v.district === district)!);

beforeAll(async () => {
  work = new Workdir();
  const demo = await work.run(['demo', work.path('zone')]);
  if (demo.code !== 0) throw new Error(explain(demo));
  const run = await profile('--json');
  if (run.code !== 0) throw new Error(explain(run));
  all = JSON.parse(run.stdout) as Profiles;
  zwijnaardeTable = await profile('--district', 'Zwijnaarde');
});

afterAll(() => work?.remove());

describe('profile --district Zwijnaarde (table): every source', () => {
  test('one profile, Zwijnaarde only, with the four sections', () => {
    const run = zwijnaardeTable;
    expect(run.code, explain(run)).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(en['profile.heading'].replace('{district}', 'Zwijnaarde').replace('{wave}', WAVE));
    expect(lines.filter((line) => line.endsWith(`: profile, wave ${WAVE}`))).toHaveLength(1); // no other district, no whole area
    for (const title of [
      en['profile.residents'].replace('{wave}', WAVE),
      en['profile.ranking'],
      en['profile.signals'].replace('{waves}', '2025, 2026'),
      en['profile.benchmarks'],
    ]) {
      expect(lines, title).toContain(title);
    }
  });

  test('survey indicators: every headline indicator with its value, and the district-vs-whole-area column', () => {
    const text = zwijnaardeTable.stdout;
    expect(text).toContain(en['profile.vs_area']);
    expect(text).toContain(en['profile.vs_area_note']);
    for (const definition of HEADLINES) {
      const line = text.split('\n').find((l) => l.startsWith(`│ ${indicatorLabel(definition, 'en')} `));
      expect(line, definition.id).toBeDefined();
      const expected = goldenRow(definition.id, 'Zwijnaarde').estimate!;
      const shown = definition.type === 'share' ? `${(expected * 100).toFixed(1)}%` : expected.toFixed(1);
      expect(line, definition.id).toContain(shown);
    }
  });

  test('the ranking: residents beside key figures, drugs marked ◆ in both columns (key figures 1, residents 10)', () => {
    const lines = zwijnaardeTable.stdout.split('\n');
    const start = lines.indexOf(en['profile.ranking']);
    const rows = lines
      .slice(start)
      .filter((line) => /^│\s+\d+ │/.test(line))
      .slice(0, 10)
      .map((line) =>
        line
          .slice(1, -1)
          .split('│')
          .map((cell) => cell.trim()),
      );
    expect(rows).toHaveLength(10);
    expect(rows[0][3]).toBe(`${themeLabel('drugs', 'en')} ◆`);
    expect(rows[9][1]).toBe(`${themeLabel('drugs', 'en')} ◆`);
    expect(rows[0][4]).toBe('4.5'); // mean severity of 5, 4, 5, 4
    expect(rows[0][5]).toBe('4'); // interviews
    // only drugs diverges in Zwijnaarde
    expect(rows.flat().filter((cell) => cell.endsWith('◆'))).toHaveLength(2);
    expect(lines).toContain(en['profile.divergence_key_figures'].replace('{theme}', 'drugs').replace('{key_figures}', '1').replace('{residents}', '10'));
    // fewer than 3 interviews are marked with !
    expect(rows.some((row) => row[5].endsWith('!'))).toBe(true);
  });

  test('signals: drugs 14, all from the neighbourhood officer', () => {
    const line = zwijnaardeTable.stdout.split('\n').find((l) => l.startsWith(`│ ${themeLabel('drugs', 'en')} `) && l.includes('14'));
    expect(line).toBeDefined();
    const cells = line!
      .slice(1, -1)
      .split('│')
      .map((cell) => cell.trim());
    const header = zwijnaardeTable.stdout
      .split('\n')
      .find((l) => l.startsWith(`│ ${en['profile.theme']} `))!
      .slice(1, -1)
      .split('│')
      .map((cell) => cell.trim());
    expect(cells[header.indexOf(en['profile.count'])]).toBe('14');
    expect(cells[header.indexOf(en['source.neighbourhood_officer'])]).toBe('14');
    expect(cells[header.indexOf(en['source.police_cafe'])]).toBe('');
  });

  test('benchmarks against Belgium (2024) for the monitor indicators', () => {
    const text = zwijnaardeTable.stdout;
    const belgium = text.split('\n').filter((line) => line.includes('Belgium (2024)'));
    const monitored = new Set(monitorRows.filter((row) => row.area === 'Belgium' && row.wave === '2024').map((row) => row.indicator));
    expect(belgium).toHaveLength(monitored.size);
    // unsafe_often: Zwijnaarde 11.2% against Belgium's 7.5% (7.3-7.7)
    const often = belgium.find((line) => line.includes(indicatorLabel(BUILT_IN_INDICATORS.find((d) => d.id === 'unsafe_often')!, 'en')));
    expect(often).toContain('7.5 (7.3–7.7)');
    expect(text).not.toContain('(2021)'); // the latest edition not after the wave
  });
});

describe('profile --json', () => {
  test('the documented shape, for every district and the whole area', () => {
    expect(Object.keys(all)).toEqual(['schema_version', 'wave', 'previous_wave', 'signal_waves', 'weighting', 'districts', 'area']);
    expect(all).toMatchObject({ schema_version: 1, wave: WAVE, previous_wave: PREVIOUS, signal_waves: ['2025', '2026'] });
    expect(all.weighting).toEqual({ method: 'rake', respondents: golden.waves[WAVE].respondents, respondents_without_figures: [], respondents_without_residents: [], respondents_in_empty_margins: [] });
    expect(all.districts.map((v) => v.district).sort()).toEqual([...DISTRICTS].sort());
    expect(all.area.district).toBeNull();
    for (const v of [...all.districts, all.area]) {
      expect(Object.keys(v), String(v.district)).toEqual(['district', 'indicators', 'residents_ranking', 'key_figures', 'signals', 'benchmarks', 'divergences']);
      expect(v.indicators.map((row) => row.indicator), String(v.district)).toEqual(BUILT_IN_INDICATORS.map((d) => d.id));
      for (const row of v.indicators) {
        expect(Object.keys(row)).toEqual(['indicator', 'estimate', 'se', 'ci_low', 'ci_high', 'n', 'n_eff', 'flag', 'vs_area']);
        if (row.vs_area) expect(Object.keys(row.vs_area)).toEqual(['diff', 'se', 'z', 'p']);
      }
    }
  });

  test('--district Zwijnaarde --json: that district and the whole area; --json is --format json', async () => {
    const run = ok(await profile('--district', 'Zwijnaarde', '--json'));
    const one = JSON.parse(run.stdout) as Profiles;
    expect(one.districts.map((v) => v.district)).toEqual(['Zwijnaarde']);
    expect(one.districts[0]).toEqual(view('Zwijnaarde'));
    expect(one.area).toEqual(all.area);
    expect(ok(await profile('--district', 'Zwijnaarde', '--format', 'json')).stdout).toBe(run.stdout);
  });

  test('survey indicators are R survey’s estimates for 2026 (suppressed ones withheld with n shown)', () => {
    for (const district of [...DISTRICTS, null]) {
      for (const row of view(district).indicators) {
        const expected = goldenRow(row.indicator, district);
        const what = `${row.indicator} / ${district ?? 'whole area'}`;
        expect(row.n, what).toBe(expected.n);
        if (expected.suppressed) {
          expect(row.flag, what).toBe('suppressed');
          expect([row.estimate, row.se, row.ci_low, row.ci_high], what).toEqual([null, null, null, null]);
          continue;
        }
        expect(Math.abs(row.estimate! - expected.estimate!), what).toBeLessThanOrEqual(1e-9);
        expect(closeRel(row.se!, expected.se!, 1e-6) || Math.abs(row.se! - expected.se!) <= 1e-12, `${what} se ${row.se} vs R ${expected.se}`).toBe(true);
      }
    }
  });

  test('vs_area: district minus whole area, z = diff / SE, two-sided normal p, with the overlap taken into account', () => {
    for (const row of all.area.indicators) expect(row.vs_area, row.indicator).toBeNull();
    const area = new Map(all.area.indicators.map((row) => [row.indicator, row]));
    let tested = 0;
    for (const district of DISTRICTS) {
      const share = population.get(district)! / POPULATION;
      for (const row of view(district).indicators) {
        const what = `${row.indicator} / ${district}`;
        const total = area.get(row.indicator)!;
        expect(row.vs_area, what).not.toBeNull();
        if (row.estimate === null) {
          expect(row.vs_area, what).toEqual({ diff: null, se: null, z: null, p: null }); // nothing leaks from a suppressed row
          continue;
        }
        const { diff, se, z, p } = row.vs_area!;
        expect(Math.abs(diff! - (row.estimate - total.estimate!)), what).toBeLessThanOrEqual(1e-15);
        if (row.se === 0) {
          // no spread in the district (e.g. 0 of 14): the difference stays, the normal test does not apply
          expect({ se, z, p }, what).toEqual({ se: null, z: null, p: null });
          continue;
        }
        expect(se!, what).toBeGreaterThan(0);
        expect(closeRel(z!, diff! / se!, 1e-12), what).toBe(true);
        expect(closeRel(p!, twoSidedP(z!), 1e-9), what).toBe(true);
        // Var(d - t) = V_d + V_t - 2 Cov with Cov ≈ a V_d, a = the district's weight share (≈ its population share):
        // the covariance is there (a > 0), and of the right size
        const a = (row.se! ** 2 + total.se! ** 2 - se! ** 2) / (2 * row.se! ** 2);
        expect(Math.abs(a / share - 1), `${what}: implied weight share ${a} vs population share ${share}`).toBeLessThanOrEqual(0.25);
        tested += 1;
      }
    }
    expect(tested).toBeGreaterThan(150);
  });

  test('residents’ ranking: the problem shares of R, highest first, suppressed shares not ranked', () => {
    for (const district of [...DISTRICTS, null]) {
      const ranking = view(district).residents_ranking;
      const expected = THEMES.map((theme) => ({ theme, row: goldenRow(`problem_${theme}`, district) }))
        .filter(({ row }) => !row.suppressed)
        .sort((a, b) => b.row.estimate! - a.row.estimate!);
      expect(ranking.map((entry) => entry.theme), String(district)).toEqual(expected.map((entry) => entry.theme));
      expect(ranking.map((entry) => entry.rank)).toEqual(ranking.map((_, i) => i + 1));
      ranking.forEach((entry, i) => {
        expect(Math.abs(entry.estimate - expected[i].row.estimate!)).toBeLessThanOrEqual(1e-9);
      });
    }
    const zwijnaarde = view('Zwijnaarde').residents_ranking;
    expect(zwijnaarde.find((entry) => entry.theme === 'drugs')!.rank).toBe(10);
  });

  test('key figures, checked by hand from keyfigures.csv: Zwijnaarde drugs 2026 (4 interviews: 5, 4, 5, 4, all worse)', () => {
    const drugs = view('Zwijnaarde').key_figures.find((entry) => entry.theme === 'drugs')!;
    const rows = keyFigureRows.filter((row) => row.district === 'Zwijnaarde' && row.theme === 'drugs');
    expect(rows.map((row) => Number(row.severity))).toEqual([5, 4, 5, 4]);
    expect(drugs.interviews).toBe(new Set(rows.map((row) => row.interview_id)).size);
    expect(drugs.interviews).toBe(4);
    expect(drugs.organisation_types).toBe(new Set(rows.map((row) => row.organisation_type)).size);
    expect(drugs.organisation_types).toBe(4); // school, youth work, social work, neighbourhood officer
    expect(drugs.mean_severity).toBe(4.5);
    expect(drugs.share_serious).toBe(1);
    expect(drugs.spread).toBeCloseTo(Math.sqrt(1 / 3), 15); // sample SD: sqrt((4 x 0.25) / 3)
    expect(drugs.trend_balance).toBe(1); // 4 worse of 4 trends
    expect(drugs.trend_answers).toBe(4);
    expect(drugs.few_interviews).toBe(false);
    expect(drugs.rank).toBe(1);
  });

  test('key figures, every district and theme (and all districts together) as the documented summaries', () => {
    for (const district of [...DISTRICTS, null]) {
      const expected = keyFiguresByHand(district);
      const actual = view(district).key_figures;
      expect(actual.map((entry) => entry.theme), String(district)).toEqual(expected.map((entry) => entry.theme));
      actual.forEach((entry, i) => {
        const e = expected[i];
        const what = `${district ?? 'all'} ${e.theme}`;
        expect({ ...entry, mean_severity: 0, spread: 0 }, what).toEqual({ ...e, mean_severity: 0, spread: 0 });
        expect(entry.mean_severity, what).toBeCloseTo(e.mean_severity, 12);
        if (e.spread === null) expect(entry.spread, what).toBeNull();
        else expect(entry.spread!, what).toBeCloseTo(e.spread, 12);
      });
    }
  });

  test('divergences: Zwijnaarde drugs (key figures 1, residents 10)', () => {
    expect(view('Zwijnaarde').divergences).toEqual([
      { theme: 'drugs', direction: 'key_figures_higher', key_figures_rank: 1, residents_rank: 10, residents_ranked: 10, key_figures_ranked: 10, interviews: 4 },
    ]);
  });

  test('divergences: Baasrode burglary — residents rank it 2, key figures (1, 2, 1 in 3 interviews) 5 of 8: the bottom half', async () => {
    const baasrode = view('Baasrode');
    const burglary = keyFigureRows.filter((row) => row.district === 'Baasrode' && row.theme === 'burglary');
    expect(burglary.map((row) => Number(row.severity))).toEqual([1, 2, 1]);
    expect(baasrode.residents_ranking.find((entry) => entry.theme === 'burglary')!.rank).toBe(2);
    const k = baasrode.key_figures.find((entry) => entry.theme === 'burglary')!;
    expect([k.rank, baasrode.key_figures.length, k.interviews]).toEqual([5, 8, 3]);
    expect(k.rank).toBeGreaterThan(Math.ceil(baasrode.key_figures.length / 2)); // the rule is met, so it must be reported
    expect(baasrode.divergences).toEqual([
      { theme: 'burglary', direction: 'residents_higher', residents_rank: 2, residents_ranked: 10, key_figures_rank: 5, key_figures_ranked: 8, interviews: 3 },
    ]);
    const table = ok(await profile('--district', 'Baasrode')).stdout;
    expect(table.split('\n')).toContain(en['profile.divergence_residents'].replace('{theme}', 'burglary').replace('{residents}', '2').replace('{key_figures}', '5'));
  });

  test('divergences everywhere follow the documented rule (top 3 of one source, bottom half of the other, >= 3 interviews)', () => {
    for (const district of [...DISTRICTS, null]) {
      const v = view(district);
      expect(v.divergences, String(district)).toEqual(divergencesByHand(v.residents_ranking, keyFiguresByHand(district)));
    }
    // Drieënhoek has fewer than 3 interviews on every theme: never a divergence there
    expect(view('Drieënhoek').key_figures.length).toBeGreaterThan(0);
    expect(view('Drieënhoek').key_figures.every((entry) => entry.interviews < 3)).toBe(true);
    expect(view('Drieënhoek').divergences).toEqual([]);
  });

  test('signals: counted from signals.csv for the waves after 2023 up to 2026, per theme and source, most first', () => {
    for (const district of [...DISTRICTS, null]) {
      expect(view(district).signals, String(district)).toEqual(signalsByHand(district));
    }
    expect(view('Zwijnaarde').signals[0]).toEqual({ theme: 'drugs', count: 14, by_source: { neighbourhood_officer: 14 } });
    const total = signalRows.filter((row) => row.date.slice(0, 4) > PREVIOUS).reduce((sum, row) => sum + Number(row.count), 0);
    expect(all.area.signals.reduce((sum, s) => sum + s.count, 0)).toBe(total);
  });

  test('benchmarks: the 2024 monitor edition per area, SE from the interval / (2 x 1.96), diff = ours - monitor, independent z-test', () => {
    const editions = monitorRows.filter((row) => row.wave === '2024');
    for (const district of [...DISTRICTS, null]) {
      const v = view(district);
      const estimates = new Map(v.indicators.map((row) => [row.indicator, row]));
      const expectedKeys = editions.filter((row) => estimates.has(row.indicator)).map((row) => `${row.indicator} ${row.area}`);
      expect(v.benchmarks.map((b) => `${b.indicator} ${b.area}`).sort(), String(district)).toEqual(expectedKeys.sort());
      for (const b of v.benchmarks) {
        const what = `${district ?? 'whole area'} ${b.indicator} ${b.area}`;
        const m = editions.find((row) => row.indicator === b.indicator && row.area === b.area)!;
        expect(b.monitor_wave, what).toBe('2024');
        expect(b.value, what).toBeCloseTo(percent(m.value), 14);
        expect(b.ci_low!, what).toBeCloseTo(percent(m.ci_low), 14);
        expect(b.ci_high!, what).toBeCloseTo(percent(m.ci_high), 14);
        const bse = (percent(m.ci_high) - percent(m.ci_low)) / (2 * 1.96);
        expect(b.benchmark_se!, what).toBeCloseTo(bse, 14);
        const own = estimates.get(b.indicator)!;
        expect([b.estimate, b.estimate_se], what).toEqual([own.estimate, own.se]);
        if (own.estimate === null) {
          expect([b.diff, b.se, b.z, b.p], `${what}: suppressed, nothing to test`).toEqual([null, null, null, null]);
          continue;
        }
        expect(b.diff!, what).toBeCloseTo(own.estimate - b.value, 14);
        expect(closeRel(b.se!, Math.sqrt(own.se! ** 2 + bse ** 2), 1e-12), what).toBe(true);
        expect(closeRel(b.z!, b.diff! / b.se!, 1e-12), what).toBe(true);
        expect(closeRel(b.p!, twoSidedP(b.z!), 1e-9), what).toBe(true);
      }
    }
    const belgium = view('Zwijnaarde').benchmarks.find((b) => b.indicator === 'unsafe_often' && b.area === 'Belgium')!;
    expect(belgium.value).toBeCloseTo(0.075, 14);
  });

  test('--wave 2023: no previous wave, so signals from the start up to 2023 (none in the demo), key figures of 2023', async () => {
    const run = ok(await profile('--wave', '2023', '--district', 'Oudegem', '--json'));
    const old = JSON.parse(run.stdout) as Profiles;
    expect(old).toMatchObject({ wave: '2023', previous_wave: null, signal_waves: [] });
    expect(old.districts[0].signals).toEqual([]);
    // Oudegem youth nuisance: 4, 4, 4 (worse) in 2023
    expect(old.districts[0].key_figures.find((k) => k.theme === 'youth_nuisance')).toMatchObject({ interviews: 3, mean_severity: 4, trend_balance: 1 });
    const table = ok(await profile('--wave', '2023', '--district', 'Oudegem')).stdout;
    expect(table).toContain(en['profile.no_signals']);
    expect(table).toContain('Belgium (2021)');
  });
});

describe('profile --format md', () => {
  test('a heading per district and per section, tables, notes; the same content as the table', async () => {
    const run = ok(await profile('--district', 'Zwijnaarde', '--format', 'md'));
    const lines = run.stdout.split('\n');
    expect(lines.filter((line) => line.startsWith('# '))).toEqual([`# ${en['profile.heading'].replace('{district}', 'Zwijnaarde').replace('{wave}', WAVE)}`]);
    expect(lines.filter((line) => line.startsWith('## '))).toEqual([
      `## ${en['profile.residents'].replace('{wave}', WAVE)}`,
      `## ${en['profile.ranking']}`,
      `## ${en['profile.signals'].replace('{waves}', '2025, 2026')}`,
      `## ${en['profile.benchmarks']}`,
    ]);
    expect(lines.filter((line) => /^\| (---:?|:?---) \|/.test(line))).toHaveLength(4); // four tables
    expect(run.stdout).toContain('| 1 | speeding | 61.0 | drugs ◆ | 4.5 | 4 |');
    expect(run.stdout).toContain('| 10 | drugs ◆ |');
    expect(run.stdout).toContain('| drugs | 14 |  | 14 |  |');
    expect(run.stdout).toContain('p &lt; 0.05'); // notes are escaped too
  });

  test('without --district: every district and then the whole area', async () => {
    const lines = ok(await profile('--format', 'md')).stdout.split('\n');
    const headings = lines.filter((line) => line.startsWith('# '));
    expect(headings).toHaveLength(DISTRICTS.length + 1);
    expect(headings.at(-1)).toBe(`# ${en['profile.heading'].replace('{district}', en['indicators.whole_area']).replace('{wave}', WAVE)}`);
  });

  describe('names that look like Markdown are escaped', () => {
    const NAME = 'Sint_Denijs *Oost* <b>';
    const ESCAPED = 'Sint\\_Denijs \\*Oost\\* &lt;b&gt;';
    let zone: Workdir;
    beforeAll(async () => {
      // the demo fixtures with "Sint Denijs" renamed (ASCII, so the Windows-1252 survey stays valid)
      zone = new Workdir();
      const files: Record<string, Buffer> = {};
      for (const file of ['population.csv', 'survey-2023.csv', 'survey-2026.csv', 'keyfigures.csv', 'signals.csv', 'monitor.csv', 'monitor-mapping.yaml']) {
        files[file] = Buffer.from(readFileSync(`${DEMO}/${file}`).toString('latin1').replaceAll('Sint Denijs', NAME), 'latin1');
      }
      zone.write(files);
      const store = ['--store', zone.path('zone.db')];
      // imported by absolute path: in-process, import still opens files relative to process.cwd() (see cli.test.ts)
      const file = (name: string) => zone.path(name);
      for (const args of [
        ['--kind', 'population', file('population.csv')],
        ['--kind', 'survey', file('survey-2023.csv'), file('survey-2026.csv')],
        ['--kind', 'keyfigures', file('keyfigures.csv')],
        ['--kind', 'signals', file('signals.csv')],
        ['--kind', 'monitor', '--mapping', file('monitor-mapping.yaml'), file('monitor.csv')],
      ]) {
        const run = await zone.run([...store, 'import', ...args]);
        if (run.code !== 0) throw new Error(explain(run));
      }
    });
    afterAll(() => zone?.remove());

    test('the district name is escaped in the heading and the benchmark column, and never printed raw', async () => {
      const run = await zone.run(['--store', zone.path('zone.db'), 'profile', '--district', NAME, '--format', 'md']);
      expect(run.code, explain(run)).toBe(0);
      expect(run.stdout.split('\n')[0]).toBe(`# ${ESCAPED}: profile, wave ${WAVE}`);
      expect(run.stdout).toContain(`| ${en['compare.indicator']} | ${ESCAPED} |`); // benchmark table header
      expect(run.stdout).not.toContain(NAME);
      expect(run.stdout).not.toContain('<b>');
      // the terminal table shows the name as it is
      const table = await zone.run(['--store', zone.path('zone.db'), 'profile', '--district', NAME]);
      expect(table.code, explain(table)).toBe(0);
      expect(table.stdout.split('\n')[0]).toBe(`${NAME}: profile, wave ${WAVE}`);
    });
  });
});

describe('errors', () => {
  test('an unknown district: exit 2, a suggestion on stderr, nothing on stdout', async () => {
    const run = await profile('--district', 'Zwijnaard');
    expect(run.code, explain(run)).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Zwijnaard`');
    expect(run.stderr).toMatch(/did you mean Zwijnaarde\?/);
  });

  test('an unknown wave or format: exit 2', async () => {
    for (const args of [['--wave', '2025'], ['--format', 'csv']]) {
      const run = await profile(...args);
      expect(run.code, explain(run)).toBe(2);
      expect(run.stdout, explain(run)).toBe('');
    }
  });

  test('a district name in another case is found', async () => {
    const run = ok(await profile('--district', 'zwijnaarde', '--json'));
    expect((JSON.parse(run.stdout) as Profiles).districts.map((v) => v.district)).toEqual(['Zwijnaarde']);
  });
});

describe('other languages', () => {
  test.each([['nl'], ['fr']] as const)('--lang %s: table and md render without untranslated keys or English sentences', async (lang) => {
    const english = Object.entries(en)
      .filter(([key]) => /^(profile|compare|indicators|source)\./.test(key))
      .map(([, text]) => text.split(/\{\w+\}/).sort((a, b) => b.length - a.length)[0].trim())
      .filter((fragment) => fragment.length >= 12);
    expect(english.length).toBeGreaterThan(20);
    for (const format of ['table', 'md']) {
      const run = ok(await profile('--district', 'Zwijnaarde', '--format', format, '--lang', lang));
      const what = `${lang} ${format}`;
      expect(run.stdout, what).not.toMatch(/\b(profile|compare|indicators|source|help|usage)\.[a-z_]+/);
      expect(run.stdout, what).not.toMatch(/\{\w+\}/);
      for (const fragment of english) expect(run.stdout, `${what}: English "${fragment}"`).not.toContain(fragment);
      for (const definition of HEADLINES) expect(run.stdout, `${what} ${definition.id}`).toContain(indicatorLabel(definition, lang).replace(/[<>&*_]/g, (c) => (format === 'md' ? ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '*': '\\*', _: '\\_' } as Record<string, string>)[c] : c)));
      expect(run.stdout, what).toContain(`${themeLabel('drugs', lang)} ◆`);
      expect(run.stdout, `${what}: decimal commas`).toContain('4,5');
    }
  });
});
