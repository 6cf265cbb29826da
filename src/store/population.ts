// Population figures as stored (every row of every import; rows of one cell are summed when read) and as the
// weighting needs them for one wave: per district the wave's own figures, else those that serve every wave;
// the district x sex x age-group cells as given, or derived from the two margins (docs/methods.md section 2).
import { InputError, StoreError } from '../errors.js';
import { parseAgeGroup, type AgeGroup } from '../ingest/values.js';
import { WAVE_PATTERN } from '../ingest/kinds/columns.js';
import type { Store } from './db.js';
import { damagedStore } from './failure.js';
import type { StoredAt } from './tables.js';
import { shownName } from '../shown-name.js';
import { message, phrase, type Message, type Param, type Translate } from '../i18n/index.js';
import { formatCount } from '../render/numbers.js';
import { listedDistricts } from '../districts.js';

/** One cell of the cross-table the weighting uses. */
export interface PopulationRow {
  district: string;
  sex: string;
  ageGroup: string;
  ageMin: number;
  ageMax: number | null;
  population: number;
}

/** One stored figure: a cell (sex and age group), a margin (one of them) or a district's total (neither). */
export interface PopulationFigure {
  wave?: string;
  district: string;
  sex?: string;
  ageGroup?: AgeGroup;
  population: number;
}

export function populationInsert(store: Store): (batch: number, line: number, figure: PopulationFigure) => void {
  const insert = store.db.prepare(
    'INSERT INTO population (batch_id, line, wave, district, sex, age_group, age_min, age_max, population) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  return (batch, line, figure) => {
    const group = figure.ageGroup;
    insert.run(batch, line, figure.wave ?? null, figure.district, figure.sex ?? null, group?.label ?? null, group?.min ?? null, group?.max ?? null, figure.population);
  };
}

/** Where an earlier batch stored the same figure (district, sex, age group, or the margin or total without them) for the same wave (or none). */
export function populationStoredAt(store: Store): (figure: Omit<PopulationFigure, 'population'>) => StoredAt | null {
  const find = store.db.prepare('SELECT batch_id AS batch FROM population WHERE wave IS ? AND district = ? AND sex IS ? AND age_group IS ? LIMIT 1');
  return (figure) => (find.get(figure.wave ?? null, figure.district, figure.sex ?? null, figure.ageGroup?.label ?? null) as StoredAt | undefined) ?? null;
}

/** Districts with figures for any of these waves (their own, or figures that serve every wave). */
export function populationDistricts(store: Store, waves: string[]): string[] {
  const districts = new Set<string>();
  const select = store.db.prepare('SELECT DISTINCT district FROM population WHERE wave IS NULL OR wave = ?').pluck();
  for (const wave of waves.length > 0 ? waves : ['']) {
    for (const district of select.all(wave) as string[]) districts.add(district);
  }
  return checkedDistricts(store.path, [...districts].sort());
}

/** A stored district is a name: an empty one was written outside safety-scan (an import refuses it). */
const blank = (district: unknown) => district === null || (typeof district === 'string' && district.trim() === '');

/** The districts with figures as either store reads them, none of them empty (see `blank`). */
export function checkedDistricts(store: string, districts: string[]): string[] {
  if (districts.some(blank)) throw new StoreError('store.damaged_population_district', { store });
  return districts;
}

/** What the figures are for: raking needs the two margins, post-stratification the cells, 'none' nothing. */
export type FiguresNeed = 'rake' | 'poststratify' | 'none';

export interface WaveFigures {
  /** the cells, youngest age group first within each district and sex */
  rows: PopulationRow[];
  /** districts served by the figures without a wave while other districts have the wave's own */
  fromAllWaves: string[];
  /** districts whose cells were derived from their sex and age margins */
  fromMargins: string[];
}

/** One cell, margin or total of one wave (or none) with every stored row of it added up. */
export interface Summed {
  wave: string | null;
  district: string;
  sex: string | null;
  ageGroup: string | null;
  ageMin: number | null;
  ageMax: number | null;
  population: number;
}

/** Two totals of one district more than this far apart (relative to the larger) cannot both be right. */
export const MARGIN_TOLERANCE = 0.01;

const count = (value: number) => String(Math.round(value * 100) / 100);

/**
 * More residents than this in one stored figure (a district, sex and age group, the rows of one import added up)
 * is no population figure: an import refuses rows above 10,000,000, so such a value was written outside safety-scan.
 */
export const STORED_POPULATION_LIMIT = 1e9;

/**
 * How summed figures are bounded: `stored`, as a store is read, none above STORED_POPULATION_LIMIT (a damaged
 * store); `importing`, inside an import's transaction, where a sum above it that the new figures make is the
 * file's fault, refused naming its lines (figuresAboveLimit, src/ingest/import.ts), not damage.
 */
export type SummedBound = 'stored' | 'importing';

/**
 * Summed figures checked: counts of zero or more, at most STORED_POPULATION_LIMIT when `stored` (adversarial
 * run r12, 16: many rows of one cell add up past it), and cells as an import writes them (checkedCells). The
 * PostgreSQL store reads only the sums; SQLite's rows are checked one by one first (checkFigures).
 */
export function checkedSummed(store: string, rows: Summed[], bound: SummedBound = 'stored'): Summed[] {
  const bad = rows.find((row) => !(typeof row.population === 'number' && row.population >= 0 && (bound === 'importing' || row.population <= STORED_POPULATION_LIMIT)));
  if (bad) throw damagedStore(store, `population: ${String(bad.population)} residents for ${bad.district}`);
  return checkedCells(store, rows);
}

/** The summed figures above what any district has (STORED_POPULATION_LIMIT): an import refuses the file that makes one. */
export function figuresAboveLimit(all: Summed[]): Summed[] {
  return all.filter((figure) => figure.population > STORED_POPULATION_LIMIT);
}

/**
 * Each figure has a district (not empty) and a wave that is a year or none (figures for every wave), its sex is
 * M or F, or none (a margin or a total), and its age group, when it has one, is written as an import writes it,
 * with the bounds that label gives: anything else was written outside safety-scan, and the weighting would
 * silently leave those residents out, count them in the wrong group, or fall back to unweighted figures.
 */
function checkedCells(store: string, rows: Summed[]): Summed[] {
  for (const row of rows) {
    if (blank(row.district)) throw new StoreError('store.damaged_population_district', { store });
    if (row.wave !== null && !(typeof row.wave === 'string' && WAVE_PATTERN.test(row.wave))) {
      throw new StoreError('store.damaged_population_wave', { store, wave: shownName(String(row.wave)), district: row.district });
    }
    if (row.sex !== null && row.sex !== 'M' && row.sex !== 'F') throw damagedStore(store, `population: sex \`${shownName(String(row.sex))}\` for ${row.district}`);
    const group = typeof row.ageGroup === 'string' ? parseAgeGroup(row.ageGroup) : null;
    const fits = row.ageGroup === null ? row.ageMin === null && row.ageMax === null : group !== null && group.label === row.ageGroup && group.min === row.ageMin && group.max === row.ageMax;
    if (!fits) throw damagedStore(store, `population: age group \`${shownName(String(row.ageGroup))}\` (${String(row.ageMin)}-${String(row.ageMax)}) for ${row.district}`);
  }
  return rows;
}

/**
 * A stored figure is a finite count of zero or more: a negative, infinite or non-numeric one (text, a blob)
 * was written outside safety-scan, and summing it would give a silently wrong figure, so it is a damaged store.
 */
function checkFigures(store: Store): void {
  const bad = store.db
    .prepare(
      `SELECT batch_id AS batch, district, population FROM population
       WHERE typeof(population) NOT IN ('integer', 'real') OR population < 0 OR population > ${STORED_POPULATION_LIMIT} ORDER BY batch_id, line LIMIT 1`,
    )
    .get() as { batch: number; district: string; population: unknown } | undefined;
  if (bad) {
    const value = typeof bad.population === 'number' ? String(bad.population) : `\`${shownName(String(bad.population))}\``;
    if (typeof bad.population === 'number' && Number.isFinite(bad.population) && bad.population > STORED_POPULATION_LIMIT) {
      // a count, but too large to be one district's: say so, naming the limit (issue 17, round 8)
      const residents = bad.population;
      const grouped = Number.isSafeInteger(residents) ? { render: (t: Translate) => formatCount(residents, t) } : value;
      const limit = { render: (t: Translate) => formatCount(STORED_POPULATION_LIMIT, t) };
      throw new StoreError('store.damaged_population_limit', { store: store.path, value: grouped, district: bad.district, batch: bad.batch, limit });
    }
    throw new StoreError('store.damaged_population', { store: store.path, value, district: bad.district, batch: bad.batch });
  }
}

/** A stored figure's source line, with its wave (null: every wave), district, sex and age group (null: a margin or a total), and its residents. */
export interface PopulationLine extends Summed {
  line: number;
}

/** The lines of one batch's figures, in file order. */
export function populationLines(store: Store, batch: number): PopulationLine[] {
  return store.db
    .prepare('SELECT wave, district, sex, age_group AS ageGroup, age_min AS ageMin, age_max AS ageMax, population, line FROM population WHERE batch_id = ? ORDER BY line, sex, age_min')
    .all(batch) as PopulationLine[];
}

/** Every stored figure added up per wave, district, sex and age group, checked (see checkFigures and checkedSummed). */
export function summedFigures(store: Store, bound: SummedBound = 'stored'): Summed[] {
  checkFigures(store);
  const rows = store.db
    .prepare(
      `SELECT wave, district, sex, age_group AS ageGroup, MIN(age_min) AS ageMin, MAX(age_max) AS ageMax, SUM(population) AS population
       FROM population GROUP BY wave, district, sex, age_group ORDER BY district, sex, ageMin, age_group, wave`,
    )
    .all() as Summed[];
  return checkedSummed(store.path, rows, bound);
}

/**
 * Per district, the figures that hold for the wave: its own, else those without a wave (docs/methods.md section
 * 1.2). A district with figures for other waves only is an error naming it, also when no district has figures
 * for the wave (figures imported for 2026 only, a 2023 survey): weighting 2023 by no figures at all would make
 * it silently unweighted beside a weighted 2026, and a change between them meaningless.
 */
function figuresOfWave(all: Summed[], wave: string): { chosen: Map<string, Summed[]>; fromAllWaves: string[] } {
  const byDistrict = new Map<string, { own: Summed[]; every: Summed[]; other: boolean }>();
  for (const figure of all) {
    const entry = byDistrict.get(figure.district) ?? { own: [], every: [], other: false };
    byDistrict.set(figure.district, entry);
    if (figure.wave === wave) entry.own.push(figure);
    else if (figure.wave === null) entry.every.push(figure);
    else entry.other = true;
  }
  const entries = [...byDistrict.entries()];
  const anyOwn = entries.some(([, entry]) => entry.own.length > 0);
  const anyForWave = anyOwn || entries.some(([, entry]) => entry.every.length > 0);
  const chosen = new Map<string, Summed[]>();
  const fromAllWaves: string[] = [];
  const without: string[] = [];
  for (const [district, entry] of entries) {
    if (entry.own.length > 0) chosen.set(district, entry.own);
    else if (entry.every.length > 0) {
      chosen.set(district, entry.every);
      if (anyOwn) fromAllWaves.push(district);
    } else if (entry.other) without.push(district);
  }
  if (without.length > 0) {
    // no figures for the wave at all: leaving it unweighted is a choice the configuration makes, never the store
    const hint = anyForWave ? undefined : message('hint.population_none_for_wave', { wave });
    throw new InputError('population.districts_without_figures', { wave, count: without.length, districts: listedDistricts(without) }, { hint });
  }
  return { chosen, fromAllWaves };
}

function asRow(figure: Summed): PopulationRow {
  return {
    district: figure.district,
    sex: figure.sex ?? '',
    ageGroup: figure.ageGroup ?? '',
    ageMin: figure.ageMin ?? 0,
    ageMax: figure.ageMax,
    population: figure.population,
  };
}

const sum = (figures: Summed[]) => figures.reduce((total, figure) => total + figure.population, 0);
const apart = (a: number, b: number) => Math.abs(a - b) > MARGIN_TOLERANCE * Math.max(a, b);

type Shape = { cells: PopulationRow[] } | { margins: PopulationRow[] } | { incomplete: true };

/**
 * A district's cells: as given, or from its margins N_s (by sex) and N_a (by age group) as N_sa = N_s N_a / sum N_s,
 * the table whose margins are N_a and N_s rescaled to the age total (raking sees nothing but these margins).
 */
function shapeOf(district: string, figures: Summed[], wave: Param): Shape {
  const cells = figures.filter((f) => f.sex !== null && f.ageGroup !== null);
  const bySex = figures.filter((f) => f.sex !== null && f.ageGroup === null);
  const byAge = figures.filter((f) => f.sex === null && f.ageGroup !== null);
  const totals = figures.filter((f) => f.sex === null && f.ageGroup === null);
  if (cells.length > 0) {
    if (cells.length < figures.length) throw new InputError('population.cells_and_margins', { district, wave });
    return { cells: cells.map(asRow) };
  }
  if (bySex.length === 0 || byAge.length === 0) return { incomplete: true };
  const sexTotal = sum(bySex);
  const ageTotal = sum(byAge);
  if (apart(sexTotal, ageTotal)) throw new InputError('population.margins_disagree', { district, wave, sex_total: count(sexTotal), age_total: count(ageTotal) });
  const total = sum(totals);
  if (totals.length > 0 && apart(total, ageTotal)) throw new InputError('population.total_disagrees', { district, wave, total: count(total), age_total: count(ageTotal) });
  const margins: PopulationRow[] = [];
  for (const sex of bySex) {
    for (const age of byAge) {
      const population = sexTotal > 0 ? (sex.population * age.population) / sexTotal : 0;
      margins.push(asRow({ ...age, sex: sex.sex, population }));
    }
  }
  return { margins };
}

/** What a district's figures of one wave (or of every wave: `wave` null) cannot do whatever the survey: they contradict each other. */
export interface FiguresConflict {
  wave: string | null;
  district: string;
  problem: Message;
}

/**
 * Every district's figures of every wave (and of every wave at once) that contradict each other: cells beside
 * margins or totals, margins that do not add up to the same total, a total apart from its age groups. Such
 * figures can never weight a survey, so an import refuses them (src/ingest/import.ts); a district with only a
 * total or one margin is not among them, since a later import may bring the other margin.
 */
export function figuresConflicts(all: Summed[]): FiguresConflict[] {
  const groups = new Map<string, Summed[]>();
  for (const figure of all) {
    const key = `${figure.wave ?? ''}\u0000${figure.district}`;
    groups.set(key, [...(groups.get(key) ?? []), figure]);
  }
  const conflicts: FiguresConflict[] = [];
  for (const figures of groups.values()) {
    const { wave, district } = figures[0];
    try {
      shapeOf(district, figures, wave ?? phrase('population.every_wave'));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      conflicts.push({ wave, district, problem: error.detail });
    }
  }
  return conflicts;
}

/** Figures already stored that contradict each other (a store an older version wrote): say how to put them right. */
function withRepairHint(work: () => WaveFigures): WaveFigures {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof InputError) || !CONFLICT_KEYS.has(error.detail.key)) throw error;
    throw new InputError(error.detail, { hint: message('hint.population_conflict') });
  }
}

const CONFLICT_KEYS: ReadonlySet<string> = new Set(['population.cells_and_margins', 'population.margins_disagree', 'population.total_disagrees']);

/** The figures one wave is weighted with; figures that cannot serve what they are needed for are an input error naming the districts. */
export function populationFigures(store: Store, wave: string, need: FiguresNeed = 'rake'): WaveFigures {
  if (need === 'none') return { rows: [], fromAllWaves: [], fromMargins: [] };
  return figuresFrom(summedFigures(store), wave, need);
}

/** The same from figures already added up (a PostgreSQL zone's, read once per import: src/store/pg/write.ts). */
export function figuresFrom(all: Summed[], wave: string, need: FiguresNeed = 'rake'): WaveFigures {
  if (need === 'none') return { rows: [], fromAllWaves: [], fromMargins: [] };
  return withRepairHint(() => weighted(all, wave, need));
}

function weighted(all: Summed[], wave: string, need: FiguresNeed): WaveFigures {
  const { chosen, fromAllWaves } = figuresOfWave(all, wave);
  const rows: PopulationRow[] = [];
  const fromMargins: string[] = [];
  const incomplete: string[] = [];
  for (const [district, figures] of chosen) {
    const shape = shapeOf(district, figures, wave);
    if ('cells' in shape) rows.push(...shape.cells);
    else if ('margins' in shape) {
      rows.push(...shape.margins);
      fromMargins.push(district);
    } else incomplete.push(district);
  }
  if (incomplete.length > 0) throw new InputError('population.margins_incomplete', { wave, districts: listedDistricts(incomplete) });
  if (need === 'poststratify' && fromMargins.length > 0) throw new InputError('population.needs_cross', { districts: listedDistricts(fromMargins) });
  return { rows, fromAllWaves, fromMargins };
}

/** The cells one wave is weighted with (see populationFigures). */
export function populationFor(store: Store, wave: string, need: FiguresNeed = 'rake'): PopulationRow[] {
  return populationFigures(store, wave, need).rows;
}
