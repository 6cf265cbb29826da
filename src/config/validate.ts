// `safety-scan validate`: configuration, goals and mapping files checked without a store, every problem listed.
import { basename, dirname, resolve } from 'node:path';
import { ConfigError, InputError } from '../errors.js';
import { CONFIG_CODES, CONFIG_FREE_TEXTS, buildCodebook, configSchema, smallAreaSettings } from './config.js';
import { builtInCodebook, type Codebook } from './codebook.js';
import { districtRenameProblems } from './district-renames.js';
import { readYamlFile, yamlProblems, type YamlFile } from './yaml.js';
import { GOAL_FREE_TEXTS, goalProblems, goalsFileSchema, goalsFrom, indicatorRanges } from '../goals/file.js';
import { mappingSchema, shownMappingName, shownMappingPath } from '../ingest/mapping.js';
import { handlerFor } from '../ingest/kinds/index.js';
import { readStructure } from '../ingest/lss.js';
import { measureIndicators, unknownMeasure } from '../ingest/plan.js';
import { KINDS } from '../ingest/kinds/kind.js';
import { closestNames, normaliseHeader } from '../ingest/values.js';
import { shownFilePath } from '../shown-name.js';

export const CHECKED_FILE_KINDS = ['config', 'goals', 'mapping'] as const;
export type CheckedFileKind = (typeof CHECKED_FILE_KINDS)[number];

export interface FileCheck {
  /** the file as the user named it */
  file: string;
  /** null when the file could not be read or parsed, so what it is cannot be told */
  kind: CheckedFileKind | null;
  problems: ConfigError[];
  /** goals in a goals file, indicators in a configuration file; null for a mapping */
  count: number | null;
}

/**
 * What a file is, from its top-level keys: a list under `goals:` makes a goals file (a configuration's `goals:`
 * is a path), keys a mapping file knows and no configuration key make a mapping file, anything else is checked
 * as a configuration.
 */
export function fileKindOf(data: unknown): CheckedFileKind {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'config';
  const record = data as Record<string, unknown>;
  if (Array.isArray(record.goals)) return 'goals';
  const keys = Object.keys(record);
  const mappingKeys = Object.keys(mappingSchema.shape);
  const configKeys = Object.keys(configSchema.shape);
  const mapping = keys.some((key) => mappingKeys.includes(key)) && !keys.some((key) => configKeys.includes(key) && !mappingKeys.includes(key));
  return mapping ? 'mapping' : 'config';
}

/**
 * Checks files in the order given. Goals are checked against the codebook of the first valid configuration
 * among the files, else of the configuration the run uses (`runConfig`; listed too when it has problems, since
 * the goals' check depends on it), else the built-in one. Districts and baseline waves need the store: `check`.
 */
export function validateFiles(files: ReadonlyArray<{ file: string; path: string }>, options: { as?: CheckedFileKind; runConfig: { file: string; path: string } | null }): FileCheck[] {
  // each file named as the store would keep its name (adversarial run r29, item 2)
  const read = files.map(({ file, path }) => readForCheck(shownFilePath(file), path, options.as));
  const configChecks = new Map(read.filter((entry) => entry.kind === 'config').map((entry) => [entry, checkConfig(entry)]));
  const checks: FileCheck[] = [];
  let codebook = [...configChecks.values()].find((check) => check.codebook !== null)?.codebook ?? null;
  if (configChecks.size === 0 && options.runConfig !== null && read.some((entry) => entry.kind === 'goals')) {
    const run = checkConfig(readForCheck(shownFilePath(options.runConfig.file), options.runConfig.path, 'config'));
    if (run.check.problems.length > 0) checks.push(run.check);
    codebook = run.codebook;
  }
  for (const entry of read) {
    const config = configChecks.get(entry);
    if (config) checks.push(config.check);
    else if (entry.yaml === null || entry.kind === null) checks.push({ file: entry.file, kind: entry.kind, problems: entry.problems, count: null });
    else if (entry.kind === 'goals') checks.push(checkGoalsFile(entry.file, entry.yaml, codebook ?? builtInCodebook()));
    else checks.push({ file: entry.file, kind: entry.kind, problems: mappingProblems(entry.yaml, entry.path, codebook ?? builtInCodebook()), count: null });
  }
  return checks;
}

interface ReadFile {
  file: string;
  /** where the file is read from */
  path: string;
  kind: CheckedFileKind | null;
  yaml: YamlFile | null;
  /** why the file could not be read or parsed */
  problems: ConfigError[];
}

function readForCheck(file: string, path: string, as: CheckedFileKind | undefined): ReadFile {
  try {
    const yaml = readYamlFile(path);
    return { file, path, kind: as ?? fileKindOf(yaml.data), yaml, problems: [] };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // Named as the user typed it, like every other problem of the file; a name that is not UTF-8 with its bytes escaped.
    const shown = error.detail.key === 'config.name_not_utf8' && error.location?.file ? file.slice(0, file.length - basename(file).length) + basename(error.location.file) : file;
    const named = new ConfigError(error.detail, { location: { ...error.location, file: shown }, hint: error.hint, cause: error.cause });
    return { file: shown, path, kind: as ?? null, yaml: null, problems: [named] };
  }
}

function checkConfig(entry: ReadFile): { check: FileCheck; codebook: Codebook | null } {
  const failed = (problems: ConfigError[]) => ({ check: { file: entry.file, kind: 'config' as const, problems, count: null }, codebook: null });
  if (entry.yaml === null) return failed(entry.problems);
  const problems = yamlProblems(entry.yaml, configSchema, CONFIG_FREE_TEXTS, CONFIG_CODES);
  if (problems.length > 0) return failed(problems);
  const parsed = configSchema.parse(entry.yaml.data);
  const renames = districtRenameProblems(parsed.districts, entry.yaml);
  if (renames.length > 0) return failed(renames);
  try {
    const codebook = buildCodebook(parsed, entry.yaml.file, entry.yaml.lineOf);
    smallAreaSettings(parsed, codebook, entry.yaml.file, entry.yaml.lineOf);
    return { check: { file: entry.file, kind: 'config', problems: [], count: codebook.indicators.length }, codebook };
  } catch (error) {
    if (error instanceof ConfigError) return failed([error]);
    throw error;
  }
}

/**
 * A mapping file's problems: its keys and values, then its `districts:` renames against each other and its
 * `columns:` renames to a column no kind reads (`Wijk: distrct`; adversarial run r19, F9): a mapping names no
 * kind, so a target is checked against every kind's columns and the codebook's items, as an import then checks
 * it against its own kind's.
 */
function mappingProblems(yaml: YamlFile, path: string, codebook: Codebook): ConfigError[] {
  const problems = yamlProblems(yaml, mappingSchema);
  if (problems.length > 0) return problems;
  const spec = mappingSchema.parse(yaml.data);
  const known = [...new Set(KINDS.flatMap((kind) => handlerFor(kind).layout(codebook).columns.map((column) => column.name)))];
  const targets = Object.entries(spec.columns ?? {}).flatMap(([from, to]) =>
    known.includes(normaliseHeader(to))
      ? []
      : [new ConfigError('config.mapping_unknown_target', { key: shownMappingPath(['columns', from]), value: shownMappingName(to), columns: closestNames(to, known).join(', ') || '-' }, { location: { file: yaml.file, line: yaml.lineOf(['columns', from]) } })],
  );
  // `measures:` name indicators of a monitor table, as its import checks them (adversarial run r35, minor: validate said "no problems")
  const indicators = measureIndicators(handlerFor('monitor').layout(codebook));
  const measures = Object.keys(spec.measures ?? {})
    .filter((indicator) => !indicators.includes(indicator))
    .map((indicator) => unknownMeasure(yaml.file, (path) => yaml.lineOf(path), indicator, indicators, 'monitor'));
  return [...districtRenameProblems(spec.districts, yaml), ...targets, ...measures, ...structureProblems(yaml, path, spec.lss)];
}

/**
 * The survey structure file a mapping names (`lss:`), read as an import reads it, relative to the mapping: one
 * the import refuses (missing, a CSV, a folder, a device) is a problem of the mapping here too (adversarial run
 * r38, minor: validate said "no problems").
 */
function structureProblems(yaml: YamlFile, path: string, lss: string | undefined): ConfigError[] {
  if (lss === undefined) return [];
  try {
    readStructure(resolve(dirname(path), lss), { file: yaml.file, line: yaml.lineOf(['lss']) });
    return [];
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return [new ConfigError(error.detail, { location: error.location, hint: error.hint, cause: error })];
  }
}

function checkGoalsFile(file: string, yaml: YamlFile, codebook: Codebook): FileCheck {
  const problems = yamlProblems(yaml, goalsFileSchema, GOAL_FREE_TEXTS);
  if (problems.length > 0) return { file, kind: 'goals', problems, count: null };
  let goalsFile: ReturnType<typeof goalsFrom>;
  try {
    goalsFile = goalsFrom(yaml);
  } catch (error) {
    // what reading the goals finds (a district under planned_completes twice) is listed as a problem, not a stop
    if (error instanceof ConfigError) return { file, kind: 'goals', problems: [error], count: null };
    throw error;
  }
  const context = { indicators: indicatorRanges(codebook), districts: null, themes: codebook.themes, waves: [], checkedWave: null };
  return { file, kind: 'goals', problems: goalProblems(goalsFile, context), count: goalsFile.goals.length };
}
