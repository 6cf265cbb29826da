// safety-scan.yaml: the project's configuration, validated with zod, with defaults for everything.
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { LANGS, type Lang } from '../i18n/index.js';
import { builtInCodebook, type Codebook, type CodebookItem, type IndicatorDefinition } from './codebook.js';
import { readYamlFile, validateYaml } from './yaml.js';
import { ConfigError } from '../errors.js';

const identifier = z.string().regex(/^[a-z][a-z0-9_]*$/, 'use lower case letters, digits and _ (starting with a letter)');
const labels = z.object({ en: z.array(z.string()), nl: z.array(z.string()), fr: z.array(z.string()) }).partial().strict();
const texts = z.object({ en: z.string(), nl: z.string(), fr: z.string() }).partial().strict();

const itemSchema = z
  .object({
    values: z.array(z.number().int().min(-32767).max(32767)).min(2),
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
      .object({ items: z.record(identifier, itemSchema).optional(), themes: z.array(identifier).optional() })
      .strict()
      .optional(),
    indicators: z.array(indicatorSchema).optional(),
    weighting: z
      .object({
        method: z.enum(['rake', 'poststratify', 'none']).default('rake'),
        collapse_empty_cells: z.boolean().default(false),
        max_weight_ratio: z.number().gt(1).nullable().default(null),
      })
      .strict()
      .prefault({}),
    estimates: z
      .object({
        level: z.number().gt(0.5).lt(1).default(0.95),
        min_cell: z.number().int().min(1).default(10),
        min_n_eff: z.number().min(0).default(30),
        max_ci_width: z.number().gt(0).default(0.3),
        max_rel_width: z.number().gt(0).default(1.3),
      })
      .strict()
      .prefault({}),
    profile: z
      .object({
        min_interviews: z.number().int().min(1).default(3),
        divergence: z
          .object({ top: z.number().int().min(1).default(3), min_interviews: z.number().int().min(1).default(3) })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    compare: z
      .object({ fdr: z.number().gt(0).lt(1).default(0.05) })
      .strict()
      .prefault({}),
    check: z
      .object({
        alpha: z.number().gt(0).lt(1).default(0.05),
        gap_top: z.number().int().min(1).default(3),
        gap_min_share: z.number().min(0).max(1).default(0.4),
      })
      .strict()
      .prefault({}),
    goals: z.string().min(1).optional(),
  })
  .strict();

export type ConfigFile = z.output<typeof configSchema>;

export interface Config extends Omit<ConfigFile, 'codebook' | 'indicators'> {
  /** The file it came from, or null for built-in defaults. */
  path: string | null;
  /** The built-in codebook with the file's items, themes and indicators merged in. */
  codebook: Codebook;
}

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
  const items = new Map(codebook.items.map((item) => [item.name, item]));
  (file.indicators ?? []).forEach((indicator, index) => {
    const fail = (key: string, value: string) => {
      const line = lineOf(['indicators', index, key]) ?? '?';
      return new ConfigError('config.unknown_item', { file: source, line, key: `indicators.${index}.${key}`, value }, { file: source, line: typeof line === 'number' ? line : undefined });
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

function withoutCodebook(file: ConfigFile): Omit<ConfigFile, 'codebook' | 'indicators'> {
  const { codebook: _codebook, indicators: _indicators, ...rest } = file;
  return rest;
}

/** What an empty configuration file means: the schema's own defaults (a test keeps settings.ts in step). */
export function schemaDefaults(): Config {
  const file = configSchema.parse({});
  return { ...withoutCodebook(file), path: null, codebook: buildCodebook(file, '', () => undefined) };
}

export function loadConfig(path: string, lang: Lang): Config {
  const yamlFile = readYamlFile(path);
  const file = validateYaml(yamlFile, configSchema, lang);
  const config: Config = { ...withoutCodebook(file), path: resolve(path), codebook: buildCodebook(file, yamlFile.file, yamlFile.lineOf) };
  if (config.store) config.store = resolve(dirname(path), config.store);
  if (config.goals) config.goals = resolve(dirname(path), config.goals);
  return config;
}
