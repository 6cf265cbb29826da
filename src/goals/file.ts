// The goals file: the zonal safety plan's goals (indicator, area, direction, baseline, target, deadline),
// validated in two steps: zod for the shape (with lines), then checks against the codebook and the store.
import { z } from 'zod';
import { indicatorRange, problemIndicator, type Codebook } from '../config/codebook.js';
import { parseYaml, readConfigText, validateYaml, type FreeTextPlace, type YamlFile } from '../config/yaml.js';
import { ConfigError } from '../errors.js';
import { LANGS, closestPhrase, message, type Lang, type Message } from '../i18n/index.js';
import { closestDistricts, districtKey, givenDistrict, listedDistricts, matchDistrict } from '../districts.js';
import { givenCode, personalDistrict, refusedCell } from '../ingest/privacy.js';
import { PLAUSIBLE_YEARS } from '../ingest/kinds/columns.js';
import { closestNames } from '../ingest/values.js';

// YAML reads `wave: 2023` as a number and `wave: "2023"` as a string; both mean the same year.
// The four-digit check is a semantic one (checkGoals) so its message can name the goal.
const year = z.union([z.string(), z.number().int()]).transform((value) => String(value).trim());

/** A goal's title, without the spaces around it: one of spaces alone is as empty as `""`. */
const titleText = z.string().trim().min(1);

const goalSchema = z
  .object({
    id: z.union([z.string().trim().min(1), z.number()]).transform((value) => String(value)),
    /** one text, or one per language: the report uses the reader's; a blank one (`"   "`) is refused as an empty one */
    title: z.union([titleText, z.object({ nl: titleText, fr: titleText, en: titleText }).partial().strict()]).optional(),
    indicator: z.string().trim().min(1),
    /** omitted or null: the whole area */
    district: z.string().nullable().optional(),
    direction: z.enum(['decrease', 'increase']),
    baseline: z.object({ wave: year, value: z.number().optional() }).strict(),
    target: z.number(),
    deadline: year,
    themes: z.array(z.string().trim().min(1)).optional(),
  })
  .strict();

// Completes planned for the next wave (docs/methods.md section 11.3): one number for the zone, or per district.
const completes = z.number().int().positive();
const plannedSchema = z.union([completes, z.object({ zone: completes.optional(), districts: z.record(z.string(), completes).optional() }).strict()]);

export const goalsFileSchema = z.object({ goals: z.array(goalSchema), planned_completes: plannedSchema.optional() }).strict();

/**
 * A goals file's free texts, printed as written by `check` and in reports: refused when they hold personal data.
 * A goal's id is printed wherever its title is; an id written as a number holds none and is not judged.
 */
export const GOAL_FREE_TEXTS: readonly FreeTextPlace[] = [
  ['goals', '*', 'id'],
  ['goals', '*', 'title'],
  ['goals', '*', 'title', '*'],
];

/** Completes planned at the deadlines: for the zone as a whole, and per district (names as the file spells them until checked). */
export interface PlannedCompletes {
  zone: number | null;
  districts: Map<string, number>;
}

export type Direction = 'decrease' | 'increase';

/** A goal's title: one text for every reader, or a text per language. */
export type GoalTitle = string | Partial<Record<Lang, string>>;

export interface Goal {
  id: string;
  title: GoalTitle | null;
  indicator: string;
  /** null for the whole area; after checkGoals, the district's name as the store spells it */
  district: string | null;
  direction: Direction;
  /** value null: taken from the store */
  baseline: { wave: string; value: number | null };
  target: number;
  deadline: string;
  themes: string[];
}

export interface GoalsFile {
  /** the file's base name, as error messages show it */
  file: string;
  /** in file order */
  goals: Goal[];
  /** `planned_completes:`; null when the file does not say */
  planned: PlannedCompletes | null;
  /** the line of a key, e.g. lineOf(['goals', 0, 'target']); the nearest parent when the key is absent */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

export interface IndicatorRange {
  kind: 'share' | 'mean' | 'score';
  min: number;
  max: number;
}

export interface GoalContext {
  indicators: ReadonlyMap<string, IndicatorRange>;
  /** districts the store knows; null without a store (`validate`), which leaves districts unchecked */
  districts: readonly string[] | null;
  /** themes the codebook knows */
  themes: readonly string[];
  /** survey waves in the store (4-digit years); empty skips the check that a store baseline's wave exists */
  waves: readonly string[];
  /** the wave `check` judges the goals in: a store baseline must not come after it; null without one (`validate`) */
  checkedWave: string | null;
}

/** Reads and validates a goals file: YAML syntax and shape (zod) with lines. Semantic checks: checkGoals. */
export function loadGoals(path: string): GoalsFile {
  return parseGoals(path, readConfigText(path));
}

/** As loadGoals, for text already in memory. */
export function parseGoals(file: string, text: string): GoalsFile {
  return goalsFrom(parseYaml(file, text));
}

/** A goals file from YAML already parsed (its shape checked here). */
export function goalsFrom(yamlFile: YamlFile): GoalsFile {
  const data = validateYaml(yamlFile, goalsFileSchema, GOAL_FREE_TEXTS);
  const goals = data.goals.map(
    (goal): Goal => ({
      id: goal.id,
      title: goal.title ?? null,
      indicator: goal.indicator,
      district: goal.district ?? null,
      direction: goal.direction,
      baseline: { wave: goal.baseline.wave, value: goal.baseline.value ?? null },
      target: goal.target,
      deadline: goal.deadline,
      themes: goal.themes ?? [],
    }),
  );
  const planned = data.planned_completes;
  if (planned !== undefined && typeof planned !== 'number') {
    plannedDistrictsOnce(yamlFile, Object.keys(planned.districts ?? {}));
    zoneHoldsDistricts(yamlFile, planned.zone, Object.values(planned.districts ?? {}));
  }
  return {
    file: yamlFile.file,
    goals,
    planned:
      planned === undefined
        ? null
        : typeof planned === 'number'
          ? { zone: planned, districts: new Map() }
          : { zone: planned.zone ?? null, districts: new Map(Object.entries(planned.districts ?? {})) },
    lineOf: yamlFile.lineOf,
  };
}

/** The range of every indicator of the codebook: shares 0-1, scores 0-10, means the item's scale. */
export function indicatorRanges(codebook: Codebook): Map<string, IndicatorRange> {
  const ranges = new Map<string, IndicatorRange>();
  for (const definition of codebook.indicators) {
    const range = indicatorRange(definition, codebook);
    if (range) ranges.set(definition.id, { kind: definition.type, min: range[0], max: range[1] });
  }
  return ranges;
}

/** What a semantic check found: the catalogue key is `goals.<problem>`. */
export type GoalProblem =
  | 'duplicate_id'
  | 'unknown_indicator'
  | 'unknown_district'
  | 'bad_year'
  | 'deadline_not_after_baseline'
  | 'baseline_wave_not_stored'
  | 'baseline_after_checked_wave'
  | 'target_out_of_range'
  | 'baseline_out_of_range'
  | 'target_above_baseline'
  | 'target_below_baseline'
  | 'unknown_theme';

/** A year a wave can be (PLAUSIBLE_YEARS, as `--wave` and every import take): `deadline: 2200` named no wave (adversarial run r36, minor). */
const isYear = (value: string) => /^\d{4}$/.test(value) && Number(value) >= PLAUSIBLE_YEARS.from && Number(value) <= PLAUSIBLE_YEARS.to;

/** A date written in full (`2029-06-30`), where a goal's year is expected. */
const ISO_DATE = /^(\d{4})-\d{2}-\d{2}$/;

/**
 * A year field's refused value as a message shows it: a date written in full is the analyst's own deadline or
 * wave, naming no one, and is shown; anything else by the rule of a refused cell (a date there may be a birth date).
 */
function givenYear(value: string): string {
  return ISO_DATE.test(value.trim()) ? value.trim() : refusedCell(value);
}

/** For a date written in full where a year is expected: write its year alone. */
function yearOfDateHint(value: string): Message | undefined {
  const year = ISO_DATE.exec(value.trim())?.[1];
  return year === undefined ? undefined : message('hint.year_of_date', { year });
}

/**
 * Checks goals against the codebook and the store, in file order, and returns them with each district
 * spelled as the store spells it. Throws a ConfigError (exit 4) at the first problem, pointing at its line.
 * District names are compared after NFC, trimming and collapsing whitespace; an exact match wins over a
 * case-insensitive one, and a case-insensitive match must be unique.
 */
export function checkGoals(goalsFile: GoalsFile, context: GoalContext): Goal[] {
  return goalsFile.goals.map(goalChecker(goalsFile, context));
}

/** Every goal's first problem, in file order (`safety-scan validate` lists them all). */
export function goalProblems(goalsFile: GoalsFile, context: GoalContext): ConfigError[] {
  const check = goalChecker(goalsFile, context);
  return goalsFile.goals.flatMap((goal, index) => {
    try {
      check(goal, index);
      return [];
    } catch (error) {
      if (error instanceof ConfigError) return [error];
      throw error;
    }
  });
}

function goalChecker(goalsFile: GoalsFile, context: GoalContext): (goal: Goal, index: number) => Goal {
  const { file, lineOf } = goalsFile;
  const firstIndex = new Map<string, number>();
  return (goal, index) => {
    const fail = (path: Array<string | number>, detail: Message, hint?: Message): ConfigError =>
      new ConfigError(detail, { location: { file, line: lineOf(['goals', index, ...path]) }, hint });
    const id = goal.id;

    const first = firstIndex.get(goal.id);
    if (first !== undefined) throw fail(['id'], message('goals.duplicate_id', { goal: id, first_line: lineOf(['goals', first, 'id']) ?? '?' }));
    firstIndex.set(goal.id, index);

    const range = context.indicators.get(goal.indicator);
    if (!range) {
      const known = [...context.indicators.keys()];
      throw fail(['indicator'], message('goals.unknown_indicator', { goal: id,
        value: givenCode(goal.indicator),
        closest: closestPhrase(suggestIndicator(goal.indicator, known)),
        indicators: known.join(', '),
      }));
    }

    let district: string | null = goal.district;
    // judged as a district's cell is, with or without a store (`validate`): never shown
    if (goal.district !== null && personalDistrict(goal.district)) throw fail(['district'], message('goals.personal_district', { goal: id }));
    if (goal.district !== null && context.districts !== null) {
      district = matchDistrict(goal.district, context.districts);
      if (district === null) {
        throw fail(['district'], message('goals.unknown_district', { goal: id,
          value: givenDistrict(goal.district),
          closest: closestDistricts(goal.district, context.districts),
          districts: listedDistricts(context.districts),
        }));
      }
    }

    for (const [path, value] of [[['baseline', 'wave'], goal.baseline.wave], [['deadline'], goal.deadline]] as const) {
      if (!isYear(value)) throw fail([...path], message('goals.bad_year', { goal: id, field: path.join('.'), value: givenYear(value) }), yearOfDateHint(value));
    }
    if (Number(goal.deadline) <= Number(goal.baseline.wave)) {
      throw fail(['deadline'], message('goals.deadline_not_after_baseline', { goal: id, value: goal.deadline, baseline_wave: goal.baseline.wave }));
    }
    if (goal.baseline.value === null && context.waves.length > 0) {
      const checked = context.checkedWave;
      if (!context.waves.includes(goal.baseline.wave)) {
        const usable = context.waves.filter((wave) => checked === null || wave <= checked);
        throw fail(['baseline', 'wave'], message('goals.baseline_wave_not_stored', { goal: id, value: goal.baseline.wave, waves: usable.join(', ') }));
      }
      // Stored, but later than the wave being checked: its value is not among the evidence up to that wave.
      if (checked !== null && goal.baseline.wave > checked) {
        throw fail(['baseline', 'wave'], message('goals.baseline_after_checked_wave', { goal: id, value: goal.baseline.wave, wave: checked }));
      }
    }

    const outside = (value: number) => value < range.min || value > range.max;
    const percentHint = (value: number) => (range.kind === 'share' && value > 1 && value <= 100 ? message('hint.share_proportion') : undefined);
    const rangeParams = { indicator: goal.indicator, min: range.min, max: range.max };
    if (outside(goal.target)) {
      throw fail(['target'], message('goals.target_out_of_range', { goal: id, value: goal.target, ...rangeParams }), percentHint(goal.target));
    }
    const baselineValue = goal.baseline.value;
    if (baselineValue !== null) {
      if (outside(baselineValue)) {
        throw fail(['baseline', 'value'], message('goals.baseline_out_of_range', { goal: id, value: baselineValue, ...rangeParams }), percentHint(baselineValue));
      }
      // A target equal to the baseline ("hold the line") is allowed; one on the wrong side is a typo.
      if (goal.direction === 'decrease' && goal.target > baselineValue) {
        throw fail(['target'], message('goals.target_above_baseline', { goal: id, value: goal.target, baseline: baselineValue }));
      }
      if (goal.direction === 'increase' && goal.target < baselineValue) {
        throw fail(['target'], message('goals.target_below_baseline', { goal: id, value: goal.target, baseline: baselineValue }));
      }
    }

    goal.themes.forEach((theme, t) => {
      if (!context.themes.includes(theme)) {
        throw fail(['themes', t], message('goals.unknown_theme', { goal: id,
          value: givenCode(theme),
          closest: closestPhrase(closestNames(theme, context.themes)),
          themes: context.themes.join(', '),
        }));
      }
    });

    return { ...goal, district, baseline: { ...goal.baseline }, themes: [...goal.themes] };
  };
}

/**
 * `planned_completes: districts:` names each district once: two spellings of one district to safety-scan
 * (`Oudegem` and `oudegem`, docs/methods.md section 18.3) would leave the number to the order of the file, the
 * later one winning silently (r24b F6). Exit 4 naming both lines, as for two renames of one district.
 */
function plannedDistrictsOnce(yamlFile: YamlFile, names: readonly string[]): void {
  const seen = new Map<string, string>();
  for (const name of names) {
    const earlier = seen.get(districtKey(name));
    if (earlier === undefined) {
      seen.set(districtKey(name), name);
      continue;
    }
    const line = (district: string) => yamlFile.lineOf(['planned_completes', 'districts', district]);
    throw new ConfigError(message('goals.planned_district_twice', { value: givenDistrict(name), other: givenDistrict(earlier), first_line: line(earlier) ?? '?' }), {
      location: { file: yamlFile.file, line: line(name) },
    });
  }
}

/**
 * The zone's planned completes count every district's (docs/methods.md section 11.4): fewer than the districts
 * given their own number add up to is a typo, which sized every whole-area goal on the zone's number (`zone: 1`
 * beside `Oudegem: 5000000`: adversarial run r38, minor). Exit 4 at the zone's line.
 */
function zoneHoldsDistricts(yamlFile: YamlFile, zone: number | undefined, districts: readonly number[]): void {
  const sum = districts.reduce((total, count) => total + count, 0);
  if (zone === undefined || zone >= sum) return;
  throw new ConfigError(message('goals.planned_zone_below_districts', { zone, districts: sum }), {
    location: { file: yamlFile.file, line: yamlFile.lineOf(['planned_completes', 'zone']) },
  });
}

/** `planned_completes:` with each district as the store spells it; an unknown district exits 4 at its line. */
export function checkPlannedCompletes(goalsFile: GoalsFile, districts: readonly string[]): PlannedCompletes | null {
  const planned = goalsFile.planned;
  if (planned === null) return null;
  const resolved = new Map<string, number>();
  for (const [name, count] of planned.districts) {
    const district = matchDistrict(name, districts);
    if (district === null) {
      throw new ConfigError(
        message('goals.unknown_planned_district', { value: givenDistrict(name), closest: closestDistricts(name, districts), districts: listedDistricts(districts) }),
        { location: { file: goalsFile.file, line: goalsFile.lineOf(['planned_completes', 'districts', name]) } },
      );
    }
    resolved.set(district, count);
  }
  return { zone: planned.zone, districts: resolved };
}

/**
 * A goal whose baseline is taken from the store is checked once the store has answered: a target on the wrong
 * side of that baseline is a typo (a decrease to 20% from 14.6% would otherwise read "achieved").
 */
export function checkTargetAgainstStore(goalsFile: GoalsFile, index: number, goal: Goal, stored: number | null): void {
  if (goal.baseline.value !== null || stored === null) return;
  const wrong = goal.direction === 'decrease' ? goal.target > stored : goal.target < stored;
  if (!wrong) return;
  const params = { goal: goal.id, value: goal.target, baseline: Math.round(stored * 10_000) / 10_000, baseline_wave: goal.baseline.wave };
  const detail = goal.direction === 'decrease' ? message('goals.target_above_stored_baseline', params) : message('goals.target_below_stored_baseline', params);
  throw new ConfigError(detail, { location: { file: goalsFile.file, line: goalsFile.lineOf(['goals', index, 'target']) }, hint: message('hint.goal_direction') });
}

/** A problem code given without its prefix (`drugs`) most likely means the indicator `problem_drugs`. */
function suggestIndicator(value: string, known: readonly string[]): string[] {
  const prefixed = problemIndicator(value);
  const names = closestNames(value, known);
  if (known.includes(prefixed)) names.unshift(prefixed);
  return [...new Set(names)].slice(0, 3);
}

/** The title in the reader's language, else in another one (with that language, so the reader sees why), else null. */
export function goalTitle(goal: Pick<Goal, 'title'>, lang: Lang): { text: string; lang: Lang | null } | null {
  const title = goal.title;
  if (title === null) return null;
  if (typeof title === 'string') return { text: title, lang: null };
  const own = title[lang];
  if (own !== undefined) return { text: own, lang: null };
  for (const other of LANGS) {
    const text = title[other];
    if (text !== undefined) return { text, lang: other };
  }
  return null;
}
