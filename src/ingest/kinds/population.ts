// Population figures: residents per district, sex and age group (cells), or per district and sex and per
// district and age group (the margins raking needs), one figure per row or a district's figures side by side
// (residents_men, residents_women, residents_aged_15_24, ...). Rows of one import add up (docs/methods.md section 2).
import { z } from 'zod';
import type { Codebook } from '../../config/codebook.js';
import { InputError } from '../../errors.js';
import { message, type Param } from '../../i18n/index.js';
import type { PopulationFigure } from '../../store/population.js';
import type { StoredAt } from '../../store/tables.js';
import type { StoredRows } from '../../store/write.js';
import { bandLabel, binBand, parseAgeBand, type AgeBand, type Binned } from '../age-bands.js';
import { cbsWijken } from '../presets/cbs-wijken.js';
import { statbelPopulation } from '../presets/statbel-population.js';
import type { AgeGroup } from '../values.js';
import { column, districtSchema, waveSchema, type ColumnSpec } from './columns.js';
import type { FiguresAccount, LeftOutAges } from '../outcome.js';
import type { CrossIssue, KindHandler, KindLayout, RowAccount } from './handler.js';
import { shownNames } from '../../shown-name.js';

/** A row's age as published (its text and the ages it spans), and where it falls among the configured age groups. */
export type AgeCell = { band: string; ages: AgeBand } & Binned;

/** One age-band column's residents, and the configured group they count in (null: outside every group, on one side). */
export interface BandCount {
  residents: number;
  /** the ages the column counts */
  ages: AgeBand;
  group: AgeGroup | null;
  outside?: 'below' | 'above';
}

const BAND_PREFIX = 'residents_aged_';

export interface PopulationRow {
  wave?: string;
  district: string;
  sex?: 'M' | 'F';
  age_group?: AgeCell;
  population?: number;
  residents_total?: number;
  residents_men?: number;
  residents_women?: number;
  readonly [band: `${typeof BAND_PREFIX}${string}`]: BandCount | undefined;
}

declare module './handler.js' {
  interface Rows {
    population: PopulationRow;
  }
}

/** More residents than this in one row is not a population figure (a unit or a column mistake). */
export const POPULATION_LIMIT = 10_000_000;

/** CBS's bands in Kerncijfers wijken en buurten (k_0Tot15Jaar .. k_65JaarOfOuder): always accepted as columns. */
const CBS_BANDS: AgeBand[] = [
  { min: 0, max: 14 },
  { min: 15, max: 24 },
  { min: 25, max: 44 },
  { min: 45, max: 64 },
  { min: 65, max: null },
];

export function bandColumn(band: AgeBand): string {
  return `${BAND_PREFIX}${band.min}${band.max === null ? 'plus' : `_${band.max}`}`;
}

const WIDE_SEX = ['residents_total', 'residents_men', 'residents_women'] as const;

/** Residents are whole people: `2.604` is refused, never stored as a fraction (it may be 2,604 with a thousands point). */
const residents = z.number().int().min(0).max(POPULATION_LIMIT);

/** The age bands a file may give as columns: CBS's and the configured groups themselves. */
function bandColumns(groups: readonly AgeGroup[]): Array<{ name: string; band: AgeBand }> {
  const byName = new Map<string, AgeBand>();
  for (const band of [...CBS_BANDS, ...groups]) byName.set(bandColumn(band), { min: band.min, max: band.max });
  return [...byName].map(([name, band]) => ({ name, band }));
}

/** A cell of the `age_group` column: a label `parseAgeGroup` understood, or text naming a single year or a band. */
function ageCellSchema(groups: readonly AgeGroup[]) {
  const labelled = z.object({ label: z.string(), min: z.number(), max: z.number().nullable() });
  return z
    .union([labelled, z.string()])
    .transform((value, context): AgeCell => {
      const band = typeof value === 'string' ? parseAgeBand(value) : { min: value.min, max: value.max };
      if (!band) {
        context.issues.push({ code: 'invalid_value', values: [], input: value });
        return z.NEVER;
      }
      return { band: typeof value === 'string' ? value.trim() : bandLabel(band), ages: band, ...binBand(band, groups) };
    })
    .optional();
}

/**
 * How far a wide row's men and women may add up away from its total and still be one count rounded: CBS rounds
 * each figure of a wijk to a multiple of 5 (docs/methods.md section 2), so two of them differ by up to 10.
 */
const ROUNDING = { residents: 10, share: 0.05 } as const;

/**
 * A wide row whose counts contradict each other (adversarial run r20, F1 and F6): men and women adding up far
 * from the total beside them (`AantalInwoners` 1 against 50 men and 50 women), or more residents in the age bands
 * outside the groups than in all (200 children of 100 residents), which would scale the sexes below zero. The row
 * is rejected naming both; rounding (ROUNDING) passes.
 */
function countsConflict(row: PopulationRow): CrossIssue | null {
  const { residents_total: total, residents_men: men, residents_women: women } = row;
  if (total !== undefined && men !== undefined && women !== undefined && Math.abs(men + women - total) > Math.max(ROUNDING.residents, ROUNDING.share * total)) {
    return { column: 'residents_total', code: 'counts_conflict', detail: { kind: 'sexes', men, women, total } };
  }
  const all = total ?? (men === undefined && women === undefined ? undefined : (men ?? 0) + (women ?? 0));
  let outside = 0;
  let first: string | undefined;
  for (const [name, value] of Object.entries(row)) {
    if (!name.startsWith(BAND_PREFIX) || value === undefined) continue;
    const count = value as BandCount;
    if (count.group !== null) continue;
    outside += count.residents;
    first ??= name;
  }
  if (first === undefined || all === undefined || outside <= all) return null;
  return { column: first, code: 'counts_conflict', detail: { kind: 'outside', outside, total: all } };
}

function isWideRow(row: PopulationRow): boolean {
  return Object.entries(row).some(([name, value]) => value !== undefined && (name.startsWith(BAND_PREFIX) || (WIDE_SEX as readonly string[]).includes(name)));
}

/**
 * The figures a row stores. A wide row's sex margin counts every age; when some of its bands fall outside the
 * configured groups (CBS's 0-14), men and women are scaled by the share of residents inside them.
 */
export function figuresOf(row: PopulationRow): PopulationFigure[] {
  const base = { wave: row.wave, district: row.district };
  if (row.population !== undefined) {
    const age = row.age_group;
    // rows outside the groups are skipped and bands across groups refused before a row gets here
    const ageGroup = age && 'fits' in age ? age.fits : undefined;
    return [{ ...base, sex: row.sex, ageGroup, population: row.population }];
  }
  const byGroup = new Map<string, PopulationFigure>();
  let outside = 0;
  for (const [name, value] of Object.entries(row)) {
    if (!name.startsWith(BAND_PREFIX) || value === undefined) continue;
    const count = value as BandCount;
    if (count.group === null) {
      outside += count.residents;
      continue;
    }
    const figure = byGroup.get(count.group.label) ?? { ...base, ageGroup: count.group, population: 0 };
    figure.population += count.residents;
    byGroup.set(count.group.label, figure);
  }
  const { residents_men: men, residents_women: women } = row;
  const total = row.residents_total ?? (men ?? 0) + (women ?? 0);
  const inside = outside > 0 && total > 0 ? (total - outside) / total : 1;
  const bySex: PopulationFigure[] = [];
  if (men !== undefined) bySex.push({ ...base, sex: 'M', population: men * inside });
  if (women !== undefined) bySex.push({ ...base, sex: 'F', population: women * inside });
  return [...bySex, ...byGroup.values()];
}

/** The groups a band runs across, named as `codebook: age_groups` names them, and the ages outside them in words. */
function straddled(where: Extract<Binned, { straddles: string[] }>): Param {
  const { under, over } = where;
  if (under === null && over === null) return where.straddles.join(', ');
  return {
    render: (t) =>
      [
        ...(under === null ? [] : [t.message(message('population.ages_under', { age: under }))]),
        ...where.straddles,
        ...(over === null ? [] : [t.message(message('population.ages_over', { age: over }))]),
      ].join(', '),
  };
}

function populationLayout(codebook: Codebook): KindLayout<'population'> {
  const groups = codebook.ageGroups;
  const labels = groups.map((group) => group.label).join(', ');
  const bands = bandColumns(groups);
  const count = (name: string): ColumnSpec => ({ name, type: 'count', required: false, max: POPULATION_LIMIT });
  // a wide table's counts: every row fills each one the file has (a suppressed figure would leave a margin short)
  const wideCount = (name: string): ColumnSpec => ({ ...count(name), filled: true });
  const bandShape = Object.fromEntries(
    bands.map(({ name, band }) => {
      const where = binBand(band, groups);
      // a band across two groups never reaches a row: checkColumns refuses its file
      const count = 'fits' in where ? { group: where.fits } : { group: null, outside: 'outside' in where ? where.outside : undefined };
      return [name, residents.transform((value): BandCount => ({ residents: value, ages: band, ...count })).optional()];
    }),
  );
  const schema = z.object({
    wave: waveSchema.optional(),
    district: districtSchema,
    sex: z.enum(['M', 'F']).optional(),
    age_group: ageCellSchema(groups),
    population: residents.optional(),
    residents_total: residents.optional(),
    residents_men: residents.optional(),
    residents_women: residents.optional(),
    ...bandShape,
  });
  return {
    kind: 'population',
    columns: [
      column('district', 'district'),
      // residents of unknown sex or age are in no cell and no margin: their row is refused, not read as a total
      { ...column('sex', 'sex', false, ['M', 'F']), emptyIsAll: true },
      { ...column('age_group', 'age_group', false), emptyIsAll: true },
      count('population'),
      column('wave', 'wave', false),
      ...WIDE_SEX.map(wideCount),
      ...bands.map(({ name }) => wideCount(name)),
    ],
    // the band columns follow the configured groups, so the row type cannot be read off the schema
    row: schema as unknown as KindLayout<'population'>['row'],
    checkColumns(found, file) {
      const wide = [...found].filter((name) => name.startsWith(BAND_PREFIX) || (WIDE_SEX as readonly string[]).includes(name));
      if (found.has('population')) {
        if (wide.length > 0) throw new InputError('input.population_long_and_wide', { columns: shownNames(wide) }, { location: { file, line: 1 } });
        return;
      }
      if (wide.length === 0) throw new InputError('input.population_counts_missing', { location: { file, line: 1 } });
      for (const { name, band } of bands) {
        const where = binBand(band, groups);
        if (!found.has(name) || !('straddles' in where)) continue;
        throw new InputError(
          'population.band_straddles',
          { band: bandLabel(band), groups: straddled(where) },
          { location: { file, line: 1 }, hint: message('hint.age_groups', { groups: labels }) },
        );
      }
    },
    leftOut(cell) {
      const age = cell('age_group') as AgeCell | undefined;
      return age !== undefined && 'outside' in age;
    },
    refuse(row) {
      const age = row.age_group;
      if (!age || !('straddles' in age)) return null;
      return {
        column: 'age_group',
        message: message('population.band_straddles', { band: age.band, groups: straddled(age) }),
        hint: message('hint.age_groups', { groups: labels }),
      };
    },
  };
}

/** The key of a figure: its wave, district, sex and age group (empty where it has none). */
function figureKey(figure: PopulationFigure): string {
  return [figure.wave ?? '', figure.district, figure.sex ?? '', figure.ageGroup?.label ?? ''].join('\u0000');
}

/**
 * One pass's account of the rows: how many added to a figure another row also gave (Statbel's rows per
 * nationality and civil status, single years within a group), and the residents outside the age groups.
 */
function populationAccount(layout: KindLayout<'population'>, codebook: Codebook): RowAccount<'population'> {
  const groups = codebook.ageGroups;
  const rowsPerFigure = new Map<string, number>();
  const younger = { age: groups[0].min, rows: 0, residents: 0 };
  const older = { age: groups[groups.length - 1].max, rows: 0, residents: 0 };
  const side = (outside: 'below' | 'above') => (outside === 'below' ? younger : older);
  let rowsLeftOut = 0;
  return {
    leftOut(cell) {
      if (!layout.leftOut?.(cell)) return false;
      // the layout leaves out a row only for an age outside the groups
      const { outside } = cell('age_group') as { outside: 'below' | 'above' };
      const count = side(outside);
      count.rows++;
      count.residents += (cell('population') as number | undefined) ?? 0;
      rowsLeftOut++;
      return true;
    },
    kept(row) {
      const key = figuresOf(row).map(figureKey).join('\u0001');
      if (key !== '') rowsPerFigure.set(key, (rowsPerFigure.get(key) ?? 0) + 1);
      // a row counts once on each side where it has bands outside the groups
      const sides = new Set<LeftOutAges>();
      for (const [name, value] of Object.entries(row)) {
        const outside = name.startsWith(BAND_PREFIX) ? (value as BandCount | undefined)?.outside : undefined;
        if (outside === undefined) continue;
        side(outside).residents += (value as BandCount).residents;
        sides.add(side(outside));
      }
      for (const count of sides) count.rows++;
    },
    result(): FiguresAccount {
      const shared = [...rowsPerFigure.values()].filter((rows) => rows > 1);
      return { combined: { rows: shared.reduce((sum, rows) => sum + rows, 0), figures: shared.length }, younger, older, rowsLeftOut };
    },
  };
}

/** An age band a row stores residents under: for men, women or both (`sex` undefined), its ages and how the file names it. */
interface StoredBand {
  sex?: 'M' | 'F';
  ages: AgeBand;
  label: string;
}

/** The bands a row's residents are counted under, as the file gives them: its `age_group`, or its band columns inside the groups. */
function storedBands(row: PopulationRow): StoredBand[] {
  const age = row.age_group;
  if (row.population !== undefined) return age && 'fits' in age ? [{ sex: row.sex, ages: age.ages, label: age.band }] : [];
  const bands: StoredBand[] = [];
  for (const [name, value] of Object.entries(row)) {
    const count = name.startsWith(BAND_PREFIX) ? (value as BandCount | undefined) : undefined;
    if (count !== undefined && count.group !== null) bands.push({ ages: count.ages, label: bandLabel(count.ages) });
  }
  return bands;
}

const sameAges = (a: AgeBand, b: AgeBand) => a.min === b.min && a.max === b.max;
const agesOverlap = (a: AgeBand, b: AgeBand) => (a.max === null || a.max >= b.min) && (b.max === null || b.max >= a.min);

/**
 * Rows of one figure add up, so two different bands of one district, sex and wave must not share an age: a
 * subtotal (be.STAT's `80 jaar en meer` beside `Van 80 tot 84 jaar`, a `45+` row or `residents_aged_45plus`
 * column beside `45-64` and `65+`) would count its residents twice, and both margins would grow alike, so no
 * margin check sees it (adversarial run r34, F3). The same band again (rows per nationality) adds up as before.
 * The first overlap stops the import, naming the later band's line, the district and both bands.
 */
function overlapCheck(file: string): (row: PopulationRow, line: number) => void {
  const seen = new Map<string, Array<StoredBand & { line: number }>>();
  return (row, line) => {
    for (const band of storedBands(row)) {
      const at = [row.wave ?? '', row.district, band.sex ?? ''].join('\u0000');
      const bands = seen.get(at) ?? [];
      seen.set(at, bands);
      if (bands.some((earlier) => sameAges(earlier.ages, band.ages))) continue;
      const earlier = bands.find((other) => agesOverlap(other.ages, band.ages));
      if (earlier !== undefined) {
        throw new InputError(
          'population.age_groups_overlap',
          { district: row.district, later: band.label, earlier: earlier.label, earlier_line: earlier.line },
          { location: { file, line }, hint: message('hint.population_age_groups_overlap') },
        );
      }
      bands.push({ ...band, line });
    }
  };
}

let parts = 0;

/** Where an earlier batch stored one of the figures this row adds to; each figure is looked up once per file. */
function storedCopies(stored: StoredRows): (row: PopulationRow) => StoredAt | null {
  const storedAt = (figure: PopulationFigure) => stored.populationAt(figure);
  const seen = new Map<string, StoredAt | null>();
  return (row) => {
    for (const figure of figuresOf(row)) {
      const key = figureKey(figure);
      const found = seen.has(key) ? seen.get(key) : storedAt(figure);
      seen.set(key, found ?? null);
      if (found) return found;
    }
    return null;
  };
}

export const populationHandler: KindHandler<'population'> = {
  kind: 'population',
  layout: populationLayout,
  signature: ['age_group', 'population', 'sex', 'district'],
  identity: null,
  duplicates: {
    by: 'columns',
    column: 'district',
    // rows of one file are parts of the figures they add up to, never copies of each other; a figure an earlier file
    // of the command gave is one, as a stored one is (a multi-file dry run said both files would import: r34, F4). A
    // row of the side-by-side layout is known by its first figure.
    key: (row) => {
      const [first] = figuresOf(row);
      return first === undefined ? `\u0000${++parts}` : figureKey(first);
    },
    addsUpInFile: true,
    storedCopies,
  },
  crossCheck(row) {
    if (row.population !== undefined) return null;
    return isWideRow(row) ? countsConflict(row) : { column: 'population', code: 'required' };
  },
  checkedDistrict: null,
  presets: { 'statbel-population': statbelPopulation, 'cbs-wijken': cbsWijken },
  account: populationAccount,
  sink(target, batch, plan) {
    const overlap = overlapCheck(plan.file);
    return {
      add: (row, line) => {
        overlap(row, line);
        for (const figure of figuresOf(row)) target.population(batch, line, figure);
      },
      finish: () => undefined,
    };
  },
};
