// Mapping files: how an export that is not in the canonical layout becomes one.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import type { MessageKey } from '../i18n/index.js';
import { readYamlFile, validateYaml, type YamlFile } from '../config/yaml.js';

const scalar = z.union([z.string(), z.number()]);

export const mappingSchema = z
  .object({
    columns: z.record(z.string(), z.string().min(1)).optional(),
    recode: z.record(z.string(), z.record(z.string(), scalar)).optional(),
    constants: z.record(z.string(), scalar).optional(),
    units: z.record(z.string(), z.enum(['percent', 'proportion'])).optional(),
    skip: z
      .array(
        z
          .object({ column: z.string().min(1), empty: z.literal(true).optional(), equals: z.array(scalar).min(1).optional() })
          .strict()
          .refine((rule) => (rule.empty ? 1 : 0) + (rule.equals ? 1 : 0) === 1, {
            message: 'config.skip_rule' satisfies MessageKey,
          }),
      )
      .optional(),
    drop: z.array(z.string().min(1)).optional(),
    // rows are kept only when the column holds one of these values (the zone's municipalities); others are skipped
    keep: z.record(z.string(), z.array(scalar).min(1)).optional(),
    // a wide monitor table: per indicator the column of its value, or of its value and interval bounds
    measures: z
      .record(z.string(), z.union([z.string().min(1), z.object({ value: z.string().min(1), ci_low: z.string().min(1), ci_high: z.string().min(1) }).strict()]))
      .optional(),
    // without a wave column or --wave, the year in the file's name (TF_SOC_POP_STRUCT_2025.txt) is the wave
    wave_from_file_name: z.boolean().optional(),
  })
  .strict();

export type MappingSpec = z.output<typeof mappingSchema>;

export interface Mapping {
  spec: MappingSpec;
  /** Where the mapping came from, for error messages. */
  source: { file: string; yaml?: YamlFile };
  digest: string;
  /** Headers a preset renames for the several layouts of its table: not reported when a file lacks them. */
  alternatives?: ReadonlySet<string>;
}

export const RECODE_ALL_ITEMS = '*';

export function loadMapping(file: string): Mapping {
  const yamlFile = readYamlFile(file);
  const spec = validateYaml(yamlFile, mappingSchema);
  const digest = createHash('sha256').update(JSON.stringify(spec)).digest('hex');
  return { spec, source: { file: yamlFile.file, yaml: yamlFile }, digest };
}

/** A preset and a mapping file together: the file's entries win. */
export function combineMappings(first: Mapping | null, second: Mapping | null): Mapping | null {
  if (!first || !second) return first ?? second;
  const a = first.spec;
  const b = second.spec;
  const recode: Record<string, Record<string, string | number>> = { ...(a.recode ?? {}) };
  for (const [column, table] of Object.entries(b.recode ?? {})) recode[column] = { ...(recode[column] ?? {}), ...table };
  return {
    spec: {
      columns: { ...(a.columns ?? {}), ...(b.columns ?? {}) },
      recode,
      constants: { ...(a.constants ?? {}), ...(b.constants ?? {}) },
      units: { ...(a.units ?? {}), ...(b.units ?? {}) },
      skip: [...(a.skip ?? []), ...(b.skip ?? [])],
      drop: [...(a.drop ?? []), ...(b.drop ?? [])],
      keep: { ...(a.keep ?? {}), ...(b.keep ?? {}) },
      measures: { ...(a.measures ?? {}), ...(b.measures ?? {}) },
      wave_from_file_name: b.wave_from_file_name ?? a.wave_from_file_name,
    },
    source: second.source,
    digest: `${first.digest}+${second.digest}`,
    alternatives: new Set([...(first.alternatives ?? []), ...(second.alternatives ?? [])]),
  };
}

/** A mapping that names a column the kind does not have is a configuration error pointing at its line. */
export function mappingTargetError(mapping: Mapping, path: string[], target: string, columns: string[]): ConfigError {
  return new ConfigError(
    'config.mapping_unknown_column',
    { key: path.join('.'), value: target, columns: columns.join(', ') },
    { location: { file: mapping.source.file, line: mapping.source.yaml?.lineOf(path) } },
  );
}
