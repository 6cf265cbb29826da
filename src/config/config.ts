// safety-scan.yaml: the project's configuration file, validated with zod (defaults from settings.ts) and
// turned into the camelCase Settings every command uses.
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { LANGS, type MessageKey } from '../i18n/index.js';
import { ageGroupsFrom, builtInCodebook, type Codebook, type CodebookItem, type IndicatorDefinition } from './codebook.js';
import { DEFAULTS as D, type Settings } from './settings.js';
import { readYamlFile, validateYaml } from './yaml.js';
import { ConfigError } from '../errors.js';

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

const indicatorSchema = z.discriminatedUnion('type', [
  z.object({ id: identifier, type: z.literal('share'), item: identifier, values: z.array(z.number().int()).min(1), label: texts.optional() }).strict(),
  z.object({ id: identifier, type: z.literal('mean'), item: identifier, label: texts.optional() }).strict(),
  z
    .object({
      id: identifier,
      type: z.literal('score'),
      items: z.array(identifier).min(2),
      item_weights: z.array(z.number().positive()).optional(),
      min_items: z.number().int().min(1).optional(),
      label: texts.optional(),
    })
    .strict(),
]);

export const configSchema = z
  .object({
    lang: z.enum(LANGS).optional(),
    store: z.string().min(1).optional(),
    zone: z.string().min(1).optional(),
    codebook: z
      .object({
        items: z.record(identifier, itemSchema).optional(),
        themes: z.array(identifier).optional(),
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
        level: z.number().gt(0.5).lt(1).default(D.estimates.level),
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
        alpha: z.number().gt(0).lt(1).default(D.check.alpha),
        gap_top: z.number().int().min(1).default(D.check.gapTop),
        gap_min_share: z.number().min(0).max(1).default(D.check.gapMinShare),
      })
      .strict()
      .prefault({})
      .transform((c): Settings['check'] => ({ alpha: c.alpha, gapTop: c.gap_top, gapMinShare: c.gap_min_share })),
    goals: z.string().min(1).optional(),
    districts: z.record(z.string().min(1), z.string().min(1)).optional(),
  })
  .strict();

export type ConfigFile = z.output<typeof configSchema>;


/** Built-in codebook plus the config's items, themes and indicators, checked for consistency. */
export function buildCodebook(file: ConfigFile, source: string, lineOf: (path: PropertyKey[]) => number | undefined): Codebook {
  const codebook = builtInCodebook();
  for (const [name, item] of Object.entries(file.codebook?.items ?? {})) {
    const values = [...item.values].sort((a, b) => a - b);
    const entry: CodebookItem = { name, values, labels: item.labels ?? {}, question: item.question ?? {} };
    const at = codebook.items.findIndex((existing) => existing.name === name);
    if (at >= 0) codebook.items[at] = entry;
    else codebook.items.push(entry);
  }
  for (const theme of file.codebook?.themes ?? []) if (!codebook.themes.includes(theme)) codebook.themes.push(theme);
  const ageGroups = ageGroupsFrom(file.codebook?.age_groups ?? []);
  if (ageGroups) codebook.ageGroups = ageGroups;
  const items = new Map(codebook.items.map((item) => [item.name, item]));
  (file.indicators ?? []).forEach((indicator, index) => {
    const fail = (key: string, value: string) => {
      const line = lineOf(['indicators', index, key]);
      return new ConfigError('config.unknown_item', { key: `indicators.${index}.${key}`, value }, { location: { file: source, line } });
    };
    const used = indicator.type === 'score' ? indicator.items : [indicator.item];
    for (const name of used) if (!items.has(name)) throw fail(indicator.type === 'score' ? 'items' : 'item', name);
    let definition: IndicatorDefinition;
    if (indicator.type === 'share') definition = { id: indicator.id, type: 'share', item: indicator.item, values: indicator.values, label: indicator.label ?? {} };
    else if (indicator.type === 'mean') definition = { id: indicator.id, type: 'mean', item: indicator.item, label: indicator.label ?? {} };
    else {
      if (indicator.item_weights && indicator.item_weights.length !== indicator.items.length) throw fail('item_weights', String(indicator.item_weights.length));
      definition = {
        id: indicator.id,
        type: 'score',
        items: indicator.items,
        itemWeights: indicator.item_weights,
        minItems: indicator.min_items ?? Math.min(2, indicator.items.length),
        label: indicator.label ?? {},
      };
    }
    const at = codebook.indicators.findIndex((existing) => existing.id === indicator.id);
    if (at >= 0) codebook.indicators[at] = definition;
    else codebook.indicators.push(definition);
  });
  return codebook;
}

/** The settings a configuration file gives: paths resolved against its folder, the codebook merged. */
export function loadSettings(path: string): Settings {
  const yamlFile = readYamlFile(path);
  const file = validateYaml(yamlFile, configSchema);
  const { codebook: _codebook, indicators: _indicators, ...rest } = file;
  const folder = dirname(path);
  return {
    ...rest,
    path: resolve(path),
    store: rest.store === undefined ? undefined : resolve(folder, rest.store),
    goals: rest.goals === undefined ? undefined : resolve(folder, rest.goals),
    codebook: buildCodebook(file, yamlFile.file, yamlFile.lineOf),
  };
}
