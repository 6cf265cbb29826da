// safety-scan.yaml: the project's configuration file, validated with zod (defaults from settings.ts) and
// turned into the camelCase Settings every command uses.
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { LANGS, closestPhrase, type MessageKey } from '../i18n/index.js';
import { closestNames } from '../ingest/values.js';
import { METADATA_CODES, PARTICIPANT_CODES } from '../ingest/presets/limesurvey-words.js';
import { ageGroupsFrom, BUILT_IN_INDICATORS, BUILT_IN_ITEMS, builtInCodebook, type Codebook, type IndicatorDefinition } from './codebook.js';
import { ALPHA_RANGE, DEFAULTS as D, LEVEL_RANGE, type CovariateSpec, type Settings, type SmallAreaSettings } from './settings.js';
import { districtRenameProblems } from './district-renames.js';
import { EACH_KEY, readYamlFile, validateYaml, type CodePlace, type FreeTextPlace } from './yaml.js';
import { ConfigError } from '../errors.js';
import { isPostgresUrl, unreadableStore } from '../store/engine.js';
import { holdsControlOrDirection, holdsLineBreak } from '../ingest/name-characters.js';

const identifier = z.string().regex(/^[a-z][a-z0-9_]*$/, 'config.identifier_rule' satisfies MessageKey);
const labels = z.object({ en: z.array(z.string()), nl: z.array(z.string()), fr: z.array(z.string()) }).partial().strict();
const texts = z.object({ en: z.string(), nl: z.string(), fr: z.string() }).partial().strict();

const itemSchema = z
  .object({
    // An item's answer codes: at least two, all different, or no share or score can be told apart.
    values: z
      .array(z.number().int().min(-32767).max(32767))
      .min(2)
      .refine((values) => new Set(values).size === values.length, 'config.values_distinct' satisfies MessageKey),
    labels: labels.optional(),
    question: texts.optional(),
  })
  .strict();

/** The item weights a score takes: each between these, so their ratio stays within 1e12 (docs/methods.md section 7.1). */
export const ITEM_WEIGHT_RANGE = { min: 1e-6, max: 1e6 } as const;

const indicatorSchema = z.discriminatedUnion('type', [
  z.object({ id: identifier, type: z.literal('share'), item: identifier, values: z.array(z.number().int()).min(1), label: texts.optional() }).strict(),
  z.object({ id: identifier, type: z.literal('mean'), item: identifier, label: texts.optional() }).strict(),
  z
    .object({
      id: identifier,
      type: z.literal('score'),
      items: z.array(identifier).min(2),
      // Bounded so that no weight can overflow or vanish in the score's sums; only their ratios matter (the engine divides by the largest).
      item_weights: z.array(z.number().min(ITEM_WEIGHT_RANGE.min).max(ITEM_WEIGHT_RANGE.max)).optional(),
      min_items: z.number().int().min(1).optional(),
      label: texts.optional(),
    })
    .strict(),
]);

// A small-area covariate: `previous_wave`, `age_group: 75+` (or a list, summed), `sex: M`, `key_figures: drugs`.
const covariateSchema = z.union([
  z.literal('previous_wave'),
  z.object({ age_group: z.union([z.string().trim().min(1), z.array(z.string().trim().min(1)).min(1)]) }).strict(),
  z.object({ sex: z.enum(['M', 'F']) }).strict(),
  z.object({ key_figures: identifier }).strict(),
]);

const smallAreasSchema = z
  .object({
    indicators: z.union([z.literal('all'), z.array(identifier).min(1)]).default('all'),
    covariates: z.array(covariateSchema).optional(),
  })
  .strict();

// `goals:` is the goals file, or an object with the file and whether `check` may judge goals on model estimates.
const goalsSchema = z.union([z.string().min(1), z.object({ file: z.string().min(1).optional(), use_model: z.boolean().default(false) }).strict()]);

export const configSchema = z
  .object({
    lang: z.enum(LANGS).optional(),
    store: z.string().min(1).optional(),
    // the zone's name heads every report and table: refused blank, or holding what would print other than it is (a
    // direction override too: adversarial run r31, C1)
    zone: z
      .string()
      .refine((name) => name.trim() !== '', 'config.zone_blank' satisfies MessageKey)
      .refine((name) => !holdsControlOrDirection(name) && !holdsLineBreak(name) && !name.includes('\t'), 'config.zone_characters' satisfies MessageKey)
      .optional(),
    codebook: z
      .object({
        items: z.record(identifier, itemSchema).optional(),
        themes: z.array(identifier).optional(),
        organisation_types: z.array(identifier).optional(),
        signal_sources: z.array(identifier).optional(),
        age_groups: z
          .array(z.string())
          .min(1)
          .refine((labels) => ageGroupsFrom(labels) !== null, 'config.age_groups_rule' satisfies MessageKey)
          .optional(),
      })
      .strict()
      .optional(),
    indicators: z.array(indicatorSchema).optional(),
    weighting: z
      .object({
        method: z.enum(['rake', 'poststratify', 'none']).default(D.weighting.method),
        collapse_empty_cells: z.boolean().default(D.weighting.collapseEmptyCells),
        max_weight_ratio: z.number().gt(1).nullable().default(D.weighting.maxWeightRatio),
      })
      .strict()
      .prefault({})
      .transform((w): Settings['weighting'] => ({ method: w.method, collapseEmptyCells: w.collapse_empty_cells, maxWeightRatio: w.max_weight_ratio })),
    estimates: z
      .object({
        level: z.number().gt(LEVEL_RANGE.min).max(LEVEL_RANGE.max).default(D.estimates.level),
        min_cell: z.number().int().min(1).default(D.estimates.minCell),
        min_n_eff: z.number().min(0).default(D.estimates.minNEff),
        max_ci_width: z.number().gt(0).default(D.estimates.maxCiWidth),
        max_rel_width: z.number().gt(0).default(D.estimates.maxRelWidth),
      })
      .strict()
      .prefault({})
      .transform(
        (e): Settings['estimates'] => ({ level: e.level, minCell: e.min_cell, minNEff: e.min_n_eff, maxCiWidth: e.max_ci_width, maxRelWidth: e.max_rel_width }),
      ),
    profile: z
      .object({
        min_interviews: z.number().int().min(1).default(D.profile.minInterviews),
        divergence: z
          .object({ top: z.number().int().min(1).default(D.profile.divergence.top), min_interviews: z.number().int().min(1).default(D.profile.divergence.minInterviews) })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({})
      .transform((p): Settings['profile'] => ({ minInterviews: p.min_interviews, divergence: { top: p.divergence.top, minInterviews: p.divergence.min_interviews } })),
    compare: z
      .object({ fdr: z.number().gt(0).lt(1).default(D.compare.fdr) })
      .strict()
      .prefault({}),
    check: z
      .object({
        alpha: z.number().min(ALPHA_RANGE.min).max(ALPHA_RANGE.max).default(D.check.alpha),
        gap_top: z.number().int().min(1).default(D.check.gapTop),
        gap_min_share: z.number().min(0).max(1).default(D.check.gapMinShare),
      })
      .strict()
      .prefault({})
      .transform((c): Settings['check'] => ({ alpha: c.alpha, gapTop: c.gap_top, gapMinShare: c.gap_min_share })),
    goals: goalsSchema.optional(),
    small_areas: smallAreasSchema.optional(),
    districts: z.record(z.string().min(1), z.string().min(1)).optional(),
  })
  .strict();

/** The configuration's free texts printed as written (the zone's name, answer labels, questions, indicator labels): refused when they hold personal data or a line break. */
export const CONFIG_FREE_TEXTS: readonly FreeTextPlace[] = [
  ['zone'],
  ['codebook', 'items', '*', 'labels', '*', '*'],
  ['codebook', 'items', '*', 'question', '*'],
  ['indicators', '*', 'label', '*'],
];

/**
 * The codes the configuration declares or names (items, indicator ids, themes, organisation types, signal sources,
 * and the items, indicators and themes it refers to): refused when they hold personal data (personalConfigCode),
 * as an imported theme or source is. Each is stored, printed by `codebook` and in reports, and an item names a
 * survey's column (adversarial run r29, item 1: `tel_0470123456`, `dhr_peeters`, `kerkstraat_12` were accepted).
 */
export const CONFIG_CODES: readonly CodePlace[] = [
  ['codebook', 'items', EACH_KEY],
  ['codebook', 'themes', '*'],
  ['codebook', 'organisation_types', '*'],
  ['codebook', 'signal_sources', '*'],
  ['indicators', '*', 'id'],
  ['indicators', '*', 'item'],
  ['indicators', '*', 'items', '*'],
  ['small_areas', 'indicators', '*'],
  ['small_areas', 'covariates', '*', 'key_figures'],
];

export type ConfigFile = z.output<typeof configSchema>;


/**
 * The columns a survey file is read by whatever its codebook (src/ingest/kinds/survey.ts) and LimeSurvey's own
 * metadata and participant columns: an item named so would be planned twice, or take that column's place
 * (adversarial run r24, F1: an item `district` stopped every survey import with an internal error).
 */
export const RESERVED_ITEM_NAMES: ReadonlySet<string> = new Set([
  'respondent_id', 'wave', 'district', 'sex', 'age', 'age_group', 'birth_year', 'weight', ...Object.keys(METADATA_CODES), ...PARTICIPANT_CODES,
]);

/** The columns of a safety-monitor table (src/ingest/kinds/monitor.ts): an indicator named so, or as a bound, would be read as that column. */
const RESERVED_INDICATOR_IDS: ReadonlySet<string> = new Set(['wave', 'area', 'indicator', 'value', 'ci_low', 'ci_high', 'n', 'bound']);

/** An indicator id a monitor table's column would take: a column of its own, or any indicator's bound (`<id>_ci_low`, `<id>_ci_high`). */
function reservedIndicatorId(id: string): boolean {
  return RESERVED_INDICATOR_IDS.has(id) || id.endsWith('_ci_low') || id.endsWith('_ci_high');
}

/** Built-in codebook plus the config's items, themes and indicators, checked for consistency. */
export function buildCodebook(file: ConfigFile, source: string, lineOf: (path: PropertyKey[]) => number | undefined): Codebook {
  const codebook = builtInCodebook();
  const at = (path: PropertyKey[]) => ({ location: { file: source, line: lineOf(path) } });
  for (const [name, item] of Object.entries(file.codebook?.items ?? {})) {
    // A built-in item's scale is what the built-in indicators, the monitor and other zones' figures count on.
    if (BUILT_IN_ITEMS.some((builtIn) => builtIn.name === name)) throw new ConfigError('config.built_in_item', { key: `codebook.items.${name}`, value: name }, at(['codebook', 'items', name]));
    if (RESERVED_ITEM_NAMES.has(name)) throw new ConfigError('config.reserved_item', { key: `codebook.items.${name}`, value: name }, at(['codebook', 'items', name]));
    // One label per value in every language given: a shorter list would show bare codes for the rest, a longer one drop labels silently (r24b F7).
    for (const [lang, list] of Object.entries(item.labels ?? {})) {
      if (list.length === item.values.length) continue;
      const params = { key: `codebook.items.${name}.labels.${lang}`, item: name, lang, labels: list.length, values: item.values.length };
      throw new ConfigError('config.labels_count', params, at(['codebook', 'items', name, 'labels', lang]));
    }
    const values = [...item.values].sort((a, b) => a - b);
    codebook.items.push({ name, values, labels: item.labels ?? {}, question: item.question ?? {} });
  }
  // a set, not the list's includes: 80,000 themes took 25 s (adversarial run r25, F3)
  const themes = new Set(codebook.themes);
  for (const theme of file.codebook?.themes ?? []) {
    if (themes.has(theme)) continue;
    themes.add(theme);
    codebook.themes.push(theme);
  }
  codebook.organisationTypes.push(...(file.codebook?.organisation_types ?? []));
  codebook.signalSources.push(...(file.codebook?.signal_sources ?? []));
  const ageGroups = ageGroupsFrom(file.codebook?.age_groups ?? []);
  if (ageGroups) codebook.ageGroups = ageGroups;
  const items = new Map(codebook.items.map((item) => [item.name, item]));
  const firstIndex = new Map<string, number>();
  (file.indicators ?? []).forEach((indicator, index) => {
    const fail = (key: string, value: string) => new ConfigError('config.unknown_item', { key: `indicators.${index}.${key}`, value }, at(['indicators', index, key]));
    const idKey = `indicators.${index}.id`;
    if (BUILT_IN_INDICATORS.some((builtIn) => builtIn.id === indicator.id)) throw new ConfigError('config.built_in_indicator', { key: idKey, value: indicator.id }, at(['indicators', index, 'id']));
    if (reservedIndicatorId(indicator.id)) throw new ConfigError('config.reserved_indicator', { key: idKey, value: indicator.id }, at(['indicators', index, 'id']));
    const first = firstIndex.get(indicator.id);
    if (first !== undefined) {
      throw new ConfigError('config.indicator_twice', { key: idKey, value: indicator.id, first_line: lineOf(['indicators', first, 'id']) ?? '?' }, at(['indicators', index, 'id']));
    }
    firstIndex.set(indicator.id, index);
    const used = indicator.type === 'score' ? indicator.items : [indicator.item];
    for (const name of used) if (!items.has(name)) throw fail(indicator.type === 'score' ? 'items' : 'item', name);
    // A share's values must be answer codes of its item: any other value is never answered, and the share would be 0 flagged ok.
    if (indicator.type === 'share') {
      const codes = items.get(indicator.item)?.values ?? [];
      indicator.values.forEach((value, j) => {
        if (codes.includes(value)) return;
        const params = { key: `indicators.${index}.values.${j}`, value: String(value), item: indicator.item, codes: codes.join(', ') };
        throw new ConfigError('config.value_not_code', params, at(['indicators', index, 'values', j]));
      });
    }
    let definition: IndicatorDefinition;
    if (indicator.type === 'share') definition = { id: indicator.id, type: 'share', item: indicator.item, values: indicator.values, label: indicator.label ?? {} };
    else if (indicator.type === 'mean') definition = { id: indicator.id, type: 'mean', item: indicator.item, label: indicator.label ?? {} };
    else {
      const count = indicator.items.length;
      // Each item once: a repeated item correlates perfectly with itself (Cronbach's alpha 1) and counts twice.
      indicator.items.forEach((name, j) => {
        if (indicator.items.indexOf(name) !== j) throw new ConfigError('config.item_twice', { key: `indicators.${index}.items.${j}`, value: name }, at(['indicators', index, 'items', j]));
      });
      // One weight per item, in the order of `items`.
      if (indicator.item_weights && indicator.item_weights.length !== count) {
        const weights = indicator.item_weights.length;
        const params = { key: `indicators.${index}.item_weights`, value: String(weights), weights, items: String(count) };
        throw new ConfigError('config.item_weights_count', params, at(['indicators', index, 'item_weights']));
      }
      // More answered items than the score has would leave it empty (n = 0) everywhere.
      if (indicator.min_items !== undefined && indicator.min_items > count) {
        const params = { key: `indicators.${index}.min_items`, value: String(indicator.min_items), items: String(count) };
        throw new ConfigError('config.min_items_above_items', params, at(['indicators', index, 'min_items']));
      }
      definition = {
        id: indicator.id,
        type: 'score',
        items: indicator.items,
        itemWeights: indicator.item_weights,
        minItems: indicator.min_items ?? Math.min(2, indicator.items.length),
        label: indicator.label ?? {},
      };
    }
    codebook.indicators.push(definition);
  });
  return codebook;
}

/** `small_areas:` and `goals: use_model:` as settings, indicators and themes checked against the codebook with their lines. */
export function smallAreaSettings(file: ConfigFile, codebook: Codebook, source: string, lineOf: (path: PropertyKey[]) => number | undefined): SmallAreaSettings {
  const section = file.small_areas;
  const forGoals = typeof file.goals === 'object' && file.goals.use_model;
  if (!section) return { ...structuredClone(D.smallAreas), forGoals };
  const unknown = (path: PropertyKey[], key: string, value: string, known: string[]) =>
    new ConfigError('config.unknown_value', { key, value, closest: closestPhrase(closestNames(value, known)), known: known.join(', ') }, { location: { file: source, line: lineOf(path) } });
  const indicatorIds = codebook.indicators.map((definition) => definition.id);
  const indicators = section.indicators === 'all' ? null : section.indicators;
  indicators?.forEach((id, i) => {
    if (!indicatorIds.includes(id)) throw unknown(['small_areas', 'indicators', i], `small_areas.indicators.${i}`, id, indicatorIds);
  });
  const covariates = section.covariates?.map((entry, i): CovariateSpec => {
    const line = lineOf(['small_areas', 'covariates', i]);
    if (entry === 'previous_wave') return { kind: 'previous_wave', line };
    if ('sex' in entry) return { kind: 'sex', sex: entry.sex, line };
    if ('key_figures' in entry) {
      if (!codebook.themes.includes(entry.key_figures)) throw unknown(['small_areas', 'covariates', i, 'key_figures'], `small_areas.covariates.${i}.key_figures`, entry.key_figures, codebook.themes);
      return { kind: 'key_figures', theme: entry.key_figures, line };
    }
    const groups = typeof entry.age_group === 'string' ? [entry.age_group] : entry.age_group;
    return { kind: 'age_group', groups: groups.length === 1 && groups[0] === 'oldest' ? 'oldest' : groups, line };
  });
  return { configured: true, indicators, covariates: covariates ?? structuredClone(D.smallAreas.covariates), forGoals };
}

/** The goals file named by `goals:` (a path, or `file:` of the object form). */
function goalsPath(goals: ConfigFile['goals']): string | undefined {
  return typeof goals === 'string' ? goals : goals?.file;
}

/** The settings a configuration file gives: paths resolved against its folder, the codebook merged. */
export function loadSettings(path: string): Settings {
  const yamlFile = readYamlFile(path);
  const file = validateYaml(yamlFile, configSchema, CONFIG_FREE_TEXTS, CONFIG_CODES);
  const [renameProblem] = districtRenameProblems(file.districts, yamlFile);
  if (renameProblem) throw renameProblem;
  const { codebook: _codebook, indicators: _indicators, small_areas: _smallAreas, goals, ...rest } = file;
  const folder = dirname(path);
  const codebook = buildCodebook(file, yamlFile.file, yamlFile.lineOf);
  const goalsFile = goalsPath(goals);
  // a `store:` written as a URL of another scheme or as connection keywords is never taken for a file path (r31 B2, r32 B4)
  const unreadable = file.store === undefined ? null : unreadableStore(file.store);
  if (unreadable) {
    const at = { location: { file: yamlFile.file, line: yamlFile.lineOf(['store']) } };
    throw 'scheme' in unreadable ? new ConfigError('config.store_not_postgres_url', { scheme: unreadable.scheme }, at) : new ConfigError('config.store_keywords', at);
  }
  return {
    ...rest,
    path: resolve(path),
    store: rest.store === undefined || isPostgresUrl(rest.store) ? rest.store : resolve(folder, rest.store),
    goals: goalsFile === undefined ? undefined : resolve(folder, goalsFile),
    smallAreas: smallAreaSettings(file, codebook, yamlFile.file, yamlFile.lineOf),
    codebook,
  };
}
