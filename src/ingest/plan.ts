// Matching a file's header to its kind's canonical layout, through an optional mapping (and the preset it
// builds on): renames, recodes, missing values, flag columns, constants, units and skip rules.
import { basename } from 'node:path';
import { ConfigError, InputError } from '../errors.js';
import { message } from '../i18n/index.js';
import { missingColumnError } from './headings.js';
import type { ColumnSpec } from './kinds/columns.js';
import type { KindLayout } from './kinds/handler.js';
import type { ColumnPlan, PlannedColumn, SkipRule } from './column-plan.js';
import { likelyKind } from './kinds/index.js';

export type { ColumnPlan, PlannedColumn, SkipRule };
import type { Kind } from './kinds/kind.js';
import { answerTables } from './lss-answers.js';
import { exportLayout, isUserMapping, mappingLayers, mappingTargetError, matchKey, RECODE_ALL_ITEMS, shownMappingName, shownMappingPath, type Mapping } from './mapping.js';
import { missingValues } from './missing.js';
import { flagColumns } from './derive-flags.js';
import { limesurveyAnswers } from './presets/limesurvey.js';
import { readLimeSurveyHeadings, type HeadingReading } from './presets/limesurvey-headings.js';
import { isIdentifierColumn, shownHeading, shownMappingKey } from './privacy.js';
import { closestNames, fold, normaliseHeader } from './values.js';
import { shownName } from '../shown-name.js';

/** Columns our own rejects files add, ignored silently when a fixed rejects file is imported again. */
export const REJECT_COLUMNS = ['safety_scan_line', 'safety_scan_column', 'safety_scan_reason'];

export interface PlanOptions {
  wave?: string;
}

/** The names a heading answers to: itself, and (for an export layout) its code and its question text. */
function headingKeys(heading: string, reading: HeadingReading | undefined): string[] {
  const keys = [matchKey(heading)];
  if (reading?.code !== undefined) keys.push(matchKey(reading.code));
  if (reading?.text !== undefined) keys.push(matchKey(reading.text));
  return [...new Set(keys)];
}

interface Rename {
  target: string;
  from: string;
  layer: Mapping;
  /** Where the mapping says it (`columns.Wijk`, `measures.unsafe_often.ci_low`). */
  path: string[];
}

/** The error for a rule that names what is not there: the user's own mistake, or nothing for a preset's rule. */
function ruleError(layer: Mapping, path: string[], value: string, expected: string[]): Error | null {
  return isUserMapping(layer) ? mappingTargetError(layer, path, value, expected) : null;
}

/** The indicators a layout takes as columns of their own, which `measures:` may name: those of its `indicator` column. */
export function measureIndicators<K extends Kind>(layout: KindLayout<K>): readonly string[] {
  const indicators = layout.columns.find((column) => column.type === 'indicator')?.choices ?? [];
  return indicators.filter((id) => layout.columns.some((column) => column.name === id && column.type === 'proportion'));
}

/**
 * A `measures:` entry for no indicator: its line in the mapping file, and the indicators there are, the closest
 * first; for a kind that has no indicator columns, that it takes no `measures:` at all.
 */
function unknownMeasureError(layer: Mapping, indicator: string, indicators: readonly string[], kind: Kind): ConfigError {
  return unknownMeasure(layer.source.file, (path) => layer.source.yaml?.lineOf(path), indicator, indicators, kind);
}

/** The error for a `measures:` entry for no indicator, located by `lineOf` in `file` (an import's mapping, or `validate`'s). */
export function unknownMeasure(file: string, lineOf: (path: string[]) => number | undefined, indicator: string, indicators: readonly string[], kind: Kind): ConfigError {
  const closest = closestNames(indicator, indicators);
  const listed = [...closest, ...indicators.filter((id) => !closest.includes(id))];
  const path = ['measures', indicator];
  const location = { file, line: lineOf(path) };
  if (indicators.length === 0) return new ConfigError('config.mapping_no_measures', { entry: shownMappingPath(path), indicator: shownMappingName(indicator), kind }, { location });
  return new ConfigError('config.mapping_unknown_indicator', { entry: shownMappingPath(path), indicator: shownMappingName(indicator), indicators: listed.join(', ') }, { location });
}

/** CBS keys carry a numeric suffix that differs between table versions (`AantalInwoners_5`); the stem is without it. */
function stemOf(header: string): string {
  return header.replace(/_\d+$/, '');
}

/** Header index per stem, for stems that only one header of the file has. */
function uniqueStems(headerNames: string[]): Map<string, number> {
  const seen = new Map<string, number>();
  headerNames.forEach((name, index) => {
    const stem = stemOf(name);
    if (stem !== name) seen.set(stem, seen.has(stem) ? -1 : index);
  });
  return new Map([...seen].filter(([, index]) => index >= 0));
}

/**
 * The year in a file's name (`TF_SOC_POP_STRUCT_2025.txt`). A name holding two different years
 * (`TF_SOC_POP_STRUCT_2025_download_2026-01-15.txt`, `... (kopie 2019).txt`) says nothing sure about the wave:
 * refused, asking for `--wave`, rather than the last year taken (adversarial run r20, F7).
 */
function yearInName(file: string, shown: string): string | undefined {
  const years = [...new Set([...basename(file).matchAll(/(?<!\d)((?:19|20)\d{2})(?!\d)/g)].map((match) => match[1]))];
  if (years.length > 1) throw new InputError('input.wave_in_name_ambiguous', { years: years.join(', ') }, { location: { file: shown }, hint: message('hint.wave_option', { wave: years[0] }) });
  return years[0];
}


/**
 * Which file column (or constant, or set of flag columns) feeds each canonical column of the layout, what is
 * dropped, ignored or skipped; a header that cannot give usable rows is refused here, before any row is read.
 */
export function planColumns<K extends Kind>(header: string[], layout: KindLayout<K>, mapping: Mapping | null, options: PlanOptions, file: string): ColumnPlan {
  const name = file;
  const layers = mappingLayers(mapping);
  const limesurvey = exportLayout(mapping) === 'limesurvey';
  const readings = limesurvey ? readLimeSurveyHeadings(header, mapping?.structure) : null;
  const keys = header.map((heading, index) => headingKeys(heading, readings?.[index]));
  // A heading also answers to its stem (CBS's `AantalInwoners_5`) when no other heading shares the stem.
  const stems = uniqueStems(header.map(normaliseHeader));
  for (const [stem, index] of stems) keys[index].push(matchKey(stem));
  const indexOf = (key: string) => keys.findIndex((names) => names.includes(key));
  const known = layout.columns.map((column) => column.name);
  // Free text (a key figure's note) is recognised but never read: it may name people.
  const freeText = new Set(layout.columns.filter((column) => column.type === 'note').map((column) => column.name));

  // A rename the user writes for a column replaces the preset's renames to that column.
  const renames = new Map<string, Rename>();
  for (const layer of layers) {
    for (const [from, to] of Object.entries(layer.spec.columns ?? {})) {
      const target = normaliseHeader(to);
      if (!known.includes(target)) {
        const error = ruleError(layer, ['columns', from], to, known);
        if (error) throw error;
        continue;
      }
      if (isUserMapping(layer)) for (const [key, rename] of renames) if (rename.target === target && !isUserMapping(rename.layer)) renames.delete(key);
      renames.set(matchKey(from), { target, from, layer, path: ['columns', from] });
    }
  }
  // A wide table's measures: each names the column of an indicator's value (and of its bounds).
  const indicators = measureIndicators(layout);
  for (const layer of layers) {
    for (const [indicator, columns] of Object.entries(layer.spec.measures ?? {})) {
      if (!indicators.includes(indicator)) {
        if (isUserMapping(layer)) throw unknownMeasureError(layer, indicator, indicators, layout.kind);
        continue;
      }
      const named = typeof columns === 'string' ? { value: columns } : columns;
      for (const [bound, from] of Object.entries(named)) {
        const path = typeof columns === 'string' ? ['measures', indicator] : ['measures', indicator, bound];
        renames.set(matchKey(from), { target: bound === 'value' ? indicator : `${indicator}_${bound}`, from, layer, path });
      }
    }
  }
  const extraDrops = new Set(layers.flatMap((layer) => layer.spec.drop ?? []).map(matchKey));
  const flags = flagColumns(layers, header, keys, readings, renames, known);

  const canonical = new Map<string, number>();
  /** The rename of the user's mapping that gave a canonical column its file column, if one did. */
  const renamedBy = new Map<string, Rename>();
  const dropped: string[] = [];
  const droppedIndexes = new Set<number>();
  const ignored: string[] = [];
  const usedRenames = new Set<string>();
  // A column of personal data is dropped and never read: a user mapping that renames it (or reads it as a
  // flag) would store its names, e-mails or tokens as districts or answers.
  const personal = (index: number) => readings?.[index]?.role === 'identifier' || isIdentifierColumn(header[index]);
  const refusePersonal = (index: number, layer: Mapping, path: string[]) => {
    throw new ConfigError('config.mapping_personal_column', { key: shownMappingPath(path), column: shownName(shownHeading(header[index].trim())), number: index + 1, file: name }, { location: { file: layer.source.file, line: layer.source.yaml?.lineOf(path) } });
  };
  const refuseFreeText = (index: number, layer: Mapping, path: string[]) => {
    throw new ConfigError('config.mapping_free_text_column', { key: shownMappingPath(path), column: shownName(shownHeading(header[index].trim())), number: index + 1, file: name }, { location: { file: layer.source.file, line: layer.source.yaml?.lineOf(path) } });
  };
  for (const layer of layers.filter(isUserMapping)) {
    for (const [target, table] of Object.entries(layer.spec.flags ?? {})) {
      for (const heading of Object.keys(table)) {
        const index = indexOf(matchKey(heading));
        if (index >= 0 && personal(index)) refusePersonal(index, layer, ['flags', target, heading]);
      }
    }
  }
  keys.forEach((names, index) => {
    const renameKey = names.find((key) => renames.has(key));
    const rename = renameKey === undefined ? undefined : renames.get(renameKey);
    if (renameKey !== undefined) usedRenames.add(renameKey);
    if (rename && isUserMapping(rename.layer) && personal(index)) refusePersonal(index, rename.layer, rename.path);
    // Free text residents typed (a LimeSurvey `[other]` or `[comment]` answer, a text question) is dropped too: a
    // mapping that renamed it to `district` stored residents' sentences as districts (adversarial run r36-B, B9).
    if (rename && isUserMapping(rename.layer) && readings?.[index]?.role === 'free_text') refuseFreeText(index, rename.layer, rename.path);
    const target = rename?.target ?? names.find((key) => known.includes(key));
    const reading = readings?.[index];
    const privateByReading = reading?.role === 'identifier' || reading?.role === 'free_text' || (target !== undefined && freeText.has(target));
    if (target !== undefined && !freeText.has(target) && !flags.byTarget.has(target) && (rename !== undefined || !privateByReading)) {
      const previous = canonical.get(target);
      if (previous !== undefined) {
        // two columns of the file for one canonical column: the mapping's doing when one of them was renamed by it
        const blamed = rename && isUserMapping(rename.layer) ? rename : renamedBy.get(target);
        if (blamed) {
          const [first, second] = blamed === rename ? [previous, index] : [index, previous];
          throw new ConfigError(
            'config.mapping_two_columns',
            { key: shownMappingPath(blamed.path), column: shownName(target), renamed: shownName(shownHeading(header[second].trim())), renamed_number: second + 1, other: shownName(shownHeading(header[first].trim())), other_number: first + 1, file: name },
            { location: { file: blamed.layer.source.file, line: blamed.layer.source.yaml?.lineOf(blamed.path) } },
          );
        }
        throw new InputError('input.duplicate_column', { column: shownName(target), first: previous + 1, second: index + 1 }, { location: { file: name, line: 1, column: index + 1 } });
      }
      canonical.set(target, index);
      if (rename && isUserMapping(rename.layer)) renamedBy.set(target, rename);
    } else if (flags.indexes.has(index)) {
      return;
    } else if (privateByReading || isIdentifierColumn(header[index]) || names.some((key) => extraDrops.has(key))) {
      dropped.push(header[index].trim());
      droppedIndexes.add(index);
    } else if (!REJECT_COLUMNS.includes(names[0]) && names[0] !== '') {
      ignored.push(header[index].trim());
    }
  });

  // a `drop:` that names a column the import reads would be silently overruled: it is a mistake in the mapping
  for (const layer of layers.filter(isUserMapping)) {
    (layer.spec.drop ?? []).forEach((entry, i) => {
      const index = keys.findIndex((names) => names.includes(matchKey(entry)));
      if (index >= 0 && !droppedIndexes.has(index) && [...canonical.values()].includes(index)) {
        throw new ConfigError('config.mapping_drop_used', { entry: shownMappingName(entry), column: shownName(shownHeading(header[index].trim())) }, { location: { file: layer.source.file, line: layer.source.yaml?.lineOf(['drop', i]) } });
      }
    });
  }

  const constants = new Map<string, string>();
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer.spec.constants ?? {})) {
      const column = normaliseHeader(key);
      if (!known.includes(column)) {
        const error = ruleError(layer, ['constants', key], key, known);
        if (error) throw error;
        continue;
      }
      // the file's own column would win, row by row, and the constant be silently ignored
      const fed = canonical.get(column) ?? flags.byTarget.get(column)?.options[0]?.index;
      if (fed !== undefined && isUserMapping(layer)) {
        throw new ConfigError(
          'config.mapping_constant_and_column',
          { key: shownMappingPath(['constants', key]), column: shownName(column), header: shownName(shownHeading(header[fed].trim())), number: fed + 1, file: name },
          { location: { file: layer.source.file, line: layer.source.yaml?.lineOf(['constants', key]) } },
        );
      }
      constants.set(column, String(value));
    }
  }
  if (options.wave !== undefined && known.includes('wave') && !constants.has('wave')) constants.set('wave', options.wave);
  const fromFileName = layers.map((layer) => layer.spec.wave_from_file_name).filter((value) => value !== undefined).at(-1);
  const fileYear = fromFileName && known.includes('wave') && !constants.has('wave') ? yearInName(file, name) : undefined;
  if (fileYear !== undefined) constants.set('wave', fileYear);

  const present = (column: ColumnSpec) => canonical.has(column.name) || constants.has(column.name) || flags.byTarget.has(column.name);
  const missing = layout.columns.filter((column) => column.required && !present(column));
  if (missing.length > 0) {
    const other = likelyKind(new Set(keys.map((names) => renames.get(names[0])?.target ?? names[0])), layout.kind);
    if (other) throw new InputError('input.wrong_kind', { kind: other, expected: layout.kind }, { location: { file: name, line: 1 } });
    throw missingColumnError(missing[0].name, header, { location: { file: name, line: 1 } });
  }
  layout.checkColumns?.(new Set([...canonical.keys(), ...flags.byTarget.keys()]), name, header.map((h) => h.trim()));

  for (const layer of layers) {
    for (const key of Object.keys(layer.spec.recode ?? {})) {
      if (key !== RECODE_ALL_ITEMS && !known.includes(normaliseHeader(key))) {
        const error = ruleError(layer, ['recode', key], key, known);
        if (error) throw error;
      }
    }
    const missingByColumn = layer.spec.missing;
    if (missingByColumn && !Array.isArray(missingByColumn)) {
      for (const key of Object.keys(missingByColumn)) {
        if (key !== RECODE_ALL_ITEMS && !known.includes(normaliseHeader(key))) {
          const error = ruleError(layer, ['missing', key], key, known);
          if (error) throw error;
        }
      }
    }
  }
  const units = new Map<string, string>();
  for (const layer of layers) {
    for (const [key, unit] of Object.entries(layer.spec.units ?? {})) {
      const column = layout.columns.find((c) => c.name === normaliseHeader(key));
      if (column?.type !== 'proportion') {
        const proportions = layout.columns.filter((c) => c.type === 'proportion').map((c) => c.name);
        if (proportions.length === 0 && isUserMapping(layer)) {
          throw new ConfigError('config.mapping_no_units', { key: shownMappingPath(['units', key]), kind: layout.kind }, { location: { file: layer.source.file, line: layer.source.yaml?.lineOf(['units', key]) } });
        }
        const error = ruleError(layer, ['units', key], key, proportions);
        if (error) throw error;
        continue;
      }
      units.set(column.name, unit);
    }
  }

  /** The `units:` entry of a column, or of the column it follows (a wide table's share bounds follow `value`). */
  const unitOf = (column: ColumnSpec): string | undefined => units.get(column.name) ?? (column.unitsOf === undefined ? undefined : units.get(column.unitsOf));

  /** The recode table of a column: every layer's `*` (items) and own table, later layers winning value by value. */
  const recodeFor = (column: ColumnSpec, sourceIndexes: number[]): Map<string, string> | undefined => {
    const table = new Map<string, string>();
    const add = (entries: Record<string, string | number> | undefined) => {
      for (const [from, to] of Object.entries(entries ?? {})) table.set(fold(from), String(to));
    };
    const layerTables = (layer: Mapping) => {
      const recodes = layer.spec.recode ?? {};
      if (column.type === 'item') add(recodes[RECODE_ALL_ITEMS]);
      add(Object.entries(recodes).find(([key]) => normaliseHeader(key) === column.name)?.[1]);
    };
    const [presets, files] = [layers.filter((layer) => !isUserMapping(layer)), layers.filter(isUserMapping)];
    if (limesurvey) for (const [from, to] of limesurveyAnswers(column)) table.set(from, to);
    presets.forEach(layerTables);
    if (mapping?.structure && readings) {
      for (const [from, to] of answerTables(mapping.structure, column, sourceIndexes.map((index) => readings[index]), layout, table, missingValues(column, layers.map((layer) => layer.spec)))) {
        table.set(from, to);
      }
    }
    files.forEach(layerTables);
    return table.size > 0 ? table : undefined;
  };

  const columns: PlannedColumn[] = [];
  for (const column of layout.columns) {
    const index = canonical.get(column.name);
    const constant = constants.get(column.name);
    const flagged = flags.byTarget.get(column.name);
    if (freeText.has(column.name) || (index === undefined && constant === undefined && flagged === undefined)) continue;
    columns.push({
      spec: column,
      index: index ?? -1,
      header: index !== undefined ? header[index].trim() : (flagged?.header ?? column.name),
      constant: flagged === undefined ? constant : undefined,
      recode: recodeFor(column, index !== undefined ? [index] : (flagged?.options.map((option) => option.index) ?? [])),
      percent: unitOf(column) === 'percent',
      unitsGiven: unitOf(column) !== undefined,
      missing: column.type === 'id' || column.emptyIsAll ? undefined : missingValues(column, layers.map((layer) => layer.spec)),
      flags: flagged?.options,
    });
  }

  const skip: SkipRule[] = [];
  const unappliedSkips: string[] = [];
  for (const layer of layers) {
    (layer.spec.skip ?? []).forEach((rule, position) => {
      const index = indexOf(matchKey(rule.column));
      if (index < 0) {
        // A rule written in a mapping file is the user's; a preset's rule for a column this export lacks is not
        // applied, and the import says so (adversarial run r29, A1: incomplete responses read as complete ones).
        if (layer.source.yaml) throw mappingTargetError(layer, ['skip', String(position), 'column'], rule.column, header, 'file');
        unappliedSkips.push(rule.column);
        return;
      }
      skip.push({ index, header: header[index].trim(), empty: rule.empty === true, equals: new Set((rule.equals ?? []).map(String)) });
    });
  }
  // `keep:` names a header (or its stem), or the canonical column a header feeds; a filter never silently goes.
  for (const layer of layers) {
    for (const [keepName, values] of Object.entries(layer.spec.keep ?? {})) {
      const wanted = matchKey(keepName);
      const found = indexOf(wanted);
      const index = found >= 0 ? found : (canonical.get(normaliseHeader(keepName)) ?? -1);
      if (index < 0) throw mappingTargetError(layer, ['keep', keepName], keepName, header.map((h) => h.trim()), 'file');
      skip.push({ index, header: header[index].trim(), empty: false, equals: new Set(), keep: new Map(values.map((value) => [fold(String(value)), String(value)])) });
    }
  }
  for (const rule of skip) {
    const position = ignored.indexOf(rule.header);
    if (position >= 0) ignored.splice(position, 1);
  }

  const unusedRenames = [...renames.entries()]
    .filter(([key, rename]) => !usedRenames.has(key) && isUserMapping(rename.layer) && !flags.fromRenames.has(key))
    .map(([, rename]) => shownMappingKey(rename.from));
  return { columns, skip, ignored, dropped, droppedIndexes, unusedRenames, unappliedSkips, header, file };
}
