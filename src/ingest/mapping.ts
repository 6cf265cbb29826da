// Mapping files: how an export that is not in the canonical layout becomes one.
import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import type { MessageKey } from '../i18n/index.js';
import { districtRenameProblems } from '../config/district-renames.js';
import { readYamlFile, validateYaml, type YamlFile } from '../config/yaml.js';
import { readStructure, type SurveyStructure } from './lss.js';
import { normaliseHeader } from './values.js';
import type { Kind } from './kinds/kind.js';
import { shownName } from '../shown-name.js';
import { shownHeadings } from './headings.js';
import { shownHeading } from './privacy.js';

const scalar = z.union([z.string(), z.number()]);

/** The layouts of exports a mapping can declare: their headings and metadata columns are read as their writer makes them. */
export const EXPORT_LAYOUTS = ['limesurvey'] as const;
export type ExportLayout = (typeof EXPORT_LAYOUTS)[number];

export const mappingSchema = z
  .object({
    export: z.enum(EXPORT_LAYOUTS).optional(),
    lss: z.string().min(1).optional(),
    columns: z.record(z.string(), z.string().min(1)).optional(),
    recode: z.record(z.string(), z.record(z.string(), scalar)).optional(),
    missing: z.union([z.array(scalar), z.record(z.string(), z.array(scalar))]).optional(),
    flags: z.record(z.string(), z.record(z.string(), scalar)).optional(),
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
    // the file's spelling of a district -> the population figures' (as `districts:` in the configuration)
    districts: z.record(z.string().min(1), z.string().min(1)).optional(),
  })
  .strict();

export type MappingSpec = z.output<typeof mappingSchema>;

export interface Mapping {
  spec: MappingSpec;
  /** Where the mapping came from, for error messages; a built-in preset has no YAML. */
  source: { file: string; yaml?: YamlFile };
  digest: string;
  /** The preset this mapping builds on: its rules apply first, quietly where the file lacks their column. */
  base?: Mapping;
  /** The survey's structure file (`.lss`), from `lss:` or `--lss`. */
  structure?: SurveyStructure;
}

export const RECODE_ALL_ITEMS = '*';

/** A name as renames and rules match it: a header's normal form, with `Q2[SQ001]` the same as `Q2_SQ001`. */
export function matchKey(name: string): string {
  return normaliseHeader(name).replace(/\[([^[\]]*)\]/g, '_$1');
}

/** The entries that describe a LimeSurvey survey export: for another kind they would do nothing. */
const SURVEY_EXPORT_ENTRIES = ['export', 'lss'] as const;

/** A mapping file, for an import of `kind`: an entry that would do nothing for that kind is refused at its line. */
export function loadMapping(file: string, kind: Kind): Mapping {
  const yamlFile = readYamlFile(file);
  const spec = validateYaml(yamlFile, mappingSchema);
  const surveyOnly = kind === 'survey' ? undefined : SURVEY_EXPORT_ENTRIES.find((entry) => spec[entry] !== undefined);
  if (surveyOnly !== undefined) throw new ConfigError('config.mapping_survey_only', { key: surveyOnly, kind }, { location: { file: yamlFile.file, line: yamlFile.lineOf([surveyOnly]) } });
  const [renameProblem] = districtRenameProblems(spec.districts, yamlFile);
  if (renameProblem) throw renameProblem;
  const digest = createHash('sha256').update(JSON.stringify(spec)).digest('hex');
  const mapping: Mapping = { spec, source: { file: yamlFile.file, yaml: yamlFile }, digest };
  if (spec.lss === undefined) return mapping;
  // The structure file is named relative to the mapping, like every path in a project's files.
  const lss = resolve(dirname(file), spec.lss);
  return withStructure(mapping, lss, { file: yamlFile.file, line: yamlFile.lineOf(['lss']) });
}

/** A mapping with the survey's structure file: its digest changes with the structure's content. */
export function withStructure(mapping: Mapping, lssFile: string, namedAt?: { file: string; line?: number }): Mapping {
  const structure = readStructure(lssFile, namedAt);
  return { ...mapping, structure, digest: `${mapping.digest}+lss:${structure.digest}` };
}

/** A preset and a mapping file together: the file's entries add to the preset's, and override single values. */
export function combineMappings(first: Mapping | null, second: Mapping | null): Mapping | null {
  if (!first || !second) return first ?? second;
  return { ...second, base: first, structure: second.structure ?? first.structure, digest: `${first.digest}+${second.digest}` };
}

/** The mappings in the order their rules apply: a preset first, then the file that builds on it. */
export function mappingLayers(mapping: Mapping | null): Mapping[] {
  if (!mapping) return [];
  return [...mappingLayers(mapping.base ?? null), mapping];
}

/**
 * The `districts:` renames an import applies: the configuration's, then the preset's, then the mapping file's,
 * a later one winning for the same name (docs/methods.md section 18.3).
 */
export function districtRenames(configured: Readonly<Record<string, string>> | undefined, mapping: Mapping | null): Record<string, string> {
  const layers = [configured ?? {}, ...mappingLayers(mapping).map((layer) => layer.spec.districts ?? {})];
  return Object.fromEntries(layers.flatMap((renames) => Object.entries(renames)));
}

/** The source name of a built-in preset's mapping (`preset:limesurvey`). */
export function presetSource(name: string): string {
  return `preset:${name}`;
}

/** True for a mapping the user wrote (not a built-in preset): its mistakes are reported as its own. */
export function isUserMapping(mapping: Mapping): boolean {
  return !mapping.source.file.startsWith(presetSource(''));
}

/** The export layout a mapping (or the preset under it) declares. */
export function exportLayout(mapping: Mapping | null): ExportLayout | undefined {
  return mappingLayers(mapping)
    .map((layer) => layer.spec.export)
    .filter((layout) => layout !== undefined)
    .at(-1);
}

/**
 * A name a mapping file writes for a column (a key of `missing:`, `recode:`, `keep:`, `units:`, a `skip:` rule's
 * `column`, a `columns:` rename's target) as its messages show it: as the file's own headings are shown
 * (`shownHeading`: `***` for `Contact[Marie Dubois]` or `Dhr. Peeters`), on one line. A mapping names the columns
 * of a data file, so it may copy a heading that is a respondent's name or address: every message echoed it raw
 * where the list of the file's columns beside it withheld it (adversarial run r31, B3).
 */
export function shownMappingName(name: string): string {
  return shownName(shownHeading(name));
}

/** The place in a mapping file a message names (`missing.Kerkstraat 12` -> `missing.***`): each step shown by `shownMappingName`. */
export function shownMappingPath(path: readonly (string | number)[]): string {
  return path.map((step) => (typeof step === 'number' ? String(step) : shownMappingName(step))).join('.');
}

/**
 * A mapping that names a column the kind does not read (`of: 'kind'`: a rename's target, a recode's column) or
 * that the file does not have (`of: 'file'`: a skip or keep rule's column) is a configuration error pointing at
 * its line, with the columns it may name.
 */
export function mappingTargetError(mapping: Mapping, path: string[], target: string, columns: string[], of: 'kind' | 'file' = 'kind'): ConfigError {
  return new ConfigError(
    of === 'kind' ? 'config.mapping_unknown_column' : 'config.mapping_unknown_file_column',
    { key: shownMappingPath(path), value: shownMappingName(target), columns: shownHeadings(columns) },
    { location: { file: mapping.source.file, line: mapping.source.yaml?.lineOf(path) } },
  );
}
