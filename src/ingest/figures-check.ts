// The checks a file of population figures must pass before it is stored, the same for an import and for its
// dry run: an import runs them on the figures as its transaction holds them, a dry run on the file's figures
// added to those stored (less what --replace would remove). Refused naming the file, its lines and the district.
import { InputError } from '../errors.js';
import { message, phrase, type Phrase } from '../i18n/index.js';
import { formatCount } from '../render/numbers.js';
import { ALL_WAVES } from '../store/batches.js';
import { figuresAboveLimit, figuresConflicts, STORED_POPULATION_LIMIT, type PopulationFigure, type PopulationLine, type Summed } from '../store/population.js';
import type { WriteTarget } from '../store/write.js';
import { listedDistricts } from '../districts.js';

const LINES_SHOWN = 10;

/** The lines of `found`, at most LINES_SHOWN of them, as a message lists them. */
function shownLines(found: readonly number[]): string {
  return found.slice(0, LINES_SHOWN).join(', ') + (found.length > LINES_SHOWN ? ', …' : '');
}

const key = (wave: string | null, district: string) => `${wave ?? ''}\u0000${district}`;
const cellKey = (figure: { wave: string | null; district: string; sex: string | null; ageGroup: string | null }) =>
  `${key(figure.wave, figure.district)}\u0000${figure.sex ?? ''}\u0000${figure.ageGroup ?? ''}`;

/**
 * New population figures are kept only when they count someone and every district's figures they touch (with
 * those stored before them, less what --replace removes) can weight a survey: a file of zeros only (a column
 * mistake, or an empty export) is no population; no figure, its rows added up, above what any district has
 * (STORED_POPULATION_LIMIT, which a read takes for a damaged store; adversarial run r12, 16); no margins that
 * do not add up, or cells beside margins, which would make every weighting command fail later, far from the file.
 * `lines`: the file's figures; `all`: every figure as it would be stored, the file's among them, added up.
 */
export function checkPopulationFigures(file: string, lines: readonly PopulationLine[], all: readonly Summed[]): void {
  if (lines.length > 0 && lines.every((figure) => figure.population === 0)) {
    throw new InputError('population.all_zero', { count: lines.length }, { location: { file }, hint: message('hint.population_all_zero') });
  }
  const touched = new Map<string, number[]>();
  const cells = new Map<string, number[]>();
  for (const figure of lines) {
    for (const [map, at] of [[touched, key(figure.wave, figure.district)], [cells, cellKey(figure)]] as const) {
      const found = map.get(at) ?? [];
      if (found[found.length - 1] !== figure.line) found.push(figure.line);
      map.set(at, found);
    }
  }
  const [above] = figuresAboveLimit([...all]).filter((figure) => cells.has(cellKey(figure)));
  if (above !== undefined) {
    const at = cells.get(cellKey(above)) ?? [];
    const residents = above.population;
    throw new InputError(
      'population.import_above_limit',
      {
        count: at.length,
        lines: shownLines(at),
        district: above.district,
        wave: above.wave ?? phrase('population.every_wave'),
        residents: { render: (t) => formatCount(residents, t) },
        limit: { render: (t) => formatCount(STORED_POPULATION_LIMIT, t) },
      },
      { location: { file, line: at[0] }, hint: message('hint.population_conflict_import') },
    );
  }
  refuseOverlappingGroups(file, lines, all);
  const conflicts = figuresConflicts([...all]).filter((conflict) => touched.has(key(conflict.wave, conflict.district)));
  if (conflicts.length === 0) return;
  const [first, ...others] = conflicts;
  const at = first.problem.key === 'population.cells_and_margins' ? oddOnesOut(lines, first) : (touched.get(key(first.wave, first.district)) ?? []);
  const problem: Phrase = { render: (t) => t.message(first.problem) };
  const more = [...new Set(others.map((conflict) => conflict.district).filter((district) => district !== first.district))];
  throw new InputError(
    'population.import_conflict',
    { count: at.length, lines: shownLines(at), problem },
    {
      location: { file, line: at[0] },
      hint: more.length > 0 ? message('hint.population_conflicts_more', { districts: listedDistricts(more) }) : message('hint.population_conflict_import'),
    },
  );
}

type Bounds = { ageMin: number | null; ageMax: number | null };
const overlapping = (a: Bounds, b: Bounds) =>
  a.ageMin !== null && b.ageMin !== null && (a.ageMax === null || a.ageMax >= b.ageMin) && (b.ageMax === null || b.ageMax >= a.ageMin);

/**
 * The file's age groups beside different ones stored for the same wave that share ages with them (`45-64` where
 * `45+` is stored): `codebook: age_groups` changed between two imports. The rows of one file bin into one set
 * of groups (its subtotal bands are refused as it is read: src/ingest/kinds/population.ts), but both sets stored
 * would stop every weighting of the wave, far from the file (adversarial run r34, F3). Refused naming the file's
 * line, its district and both groups.
 */
function refuseOverlappingGroups(file: string, lines: readonly PopulationLine[], all: readonly Summed[]): void {
  const groups = new Map<string, Map<string, Bounds>>();
  for (const figure of all) {
    if (figure.ageGroup === null) continue;
    const wave = figure.wave ?? '';
    groups.set(wave, (groups.get(wave) ?? new Map<string, Bounds>()).set(figure.ageGroup, figure));
  }
  for (const line of lines) {
    if (line.ageGroup === null) continue;
    for (const [label, bounds] of groups.get(line.wave ?? '') ?? []) {
      if (label === line.ageGroup || !overlapping(line, bounds)) continue;
      throw new InputError(
        'population.age_groups_overlap_stored',
        { district: line.district, later: line.ageGroup, earlier: label, wave: line.wave ?? phrase('population.every_wave') },
        { location: { file, line: line.line }, hint: message('hint.population_age_groups_stored') },
      );
    }
  }
}

/**
 * The lines of a district's cells beside margins or totals that are the odd ones out: of the file's lines for
 * that district and wave, those of the smaller group (the margin row among a hundred cells, or the one cell
 * among margins; r16, F2). When the file brings one group only (the other is stored), all of its lines.
 */
function oddOnesOut(lines: readonly PopulationLine[], conflict: { wave: string | null; district: string }): number[] {
  const own = lines.filter((figure) => key(figure.wave, figure.district) === key(conflict.wave, conflict.district));
  const cells = own.filter((figure) => figure.sex !== null && figure.ageGroup !== null);
  const others = own.filter((figure) => figure.sex === null || figure.ageGroup === null);
  const odd = cells.length === 0 || others.length === 0 ? own : cells.length < others.length ? cells : others;
  return [...new Set(odd.map((figure) => figure.line))];
}

/**
 * The figures as an import would store them, for a dry run: those stored, less the waves --replace removes
 * (`replaced`, ALL_WAVES for the figures of every wave), with the file's added, each cell, margin or total summed.
 */
export function figuresWith(stored: readonly Summed[], lines: readonly PopulationLine[], replaced: readonly string[]): Summed[] {
  const gone = new Set(replaced.map((wave) => (wave === ALL_WAVES ? null : wave)));
  const summed = new Map<string, Summed>();
  for (const figure of stored) if (!gone.has(figure.wave)) summed.set(cellKey(figure), { ...figure });
  for (const figure of lines) {
    const at = cellKey(figure);
    const sum = summed.get(at);
    if (sum) sum.population += figure.population;
    else summed.set(at, { wave: figure.wave, district: figure.district, sex: figure.sex, ageGroup: figure.ageGroup, ageMin: figure.ageMin, ageMax: figure.ageMax, population: figure.population });
  }
  return [...summed.values()];
}

/** A target that keeps the population figures a dry run's rows would store, in file order; the population sink asks nothing else of it. */
export function figuresCollector(): { target: WriteTarget; lines: PopulationLine[] } {
  const lines: PopulationLine[] = [];
  const other = (): never => {
    throw new Error('a dry run collects population figures only');
  };
  const target: WriteTarget = {
    population: (_batch: number, line: number, figure: PopulationFigure) => {
      const group = figure.ageGroup;
      lines.push({ wave: figure.wave ?? null, district: figure.district, sex: figure.sex ?? null, ageGroup: group?.label ?? null, ageMin: group?.min ?? null, ageMax: group?.max ?? null, population: figure.population, line });
    },
    keyfigure: other,
    monitor: other,
    signal: other,
    surveyChunk: other,
    surveyColumn: other,
    behind: () => undefined,
    surveyKeys: other,
    populationAt: other,
    keyfigureAt: other,
    monitorAt: other,
    signalsOf: other,
    populationFigures: other,
  };
  return { target, lines };
}
