// Matching a file's header to its kind's canonical layout, through an optional mapping.
import { basename } from 'node:path';
import { InputError } from '../errors.js';
import { present } from '../invariant.js';
import type { ColumnSpec } from './kinds/columns.js';
import type { KindLayout } from './kinds/handler.js';
import type { ColumnPlan, PlannedColumn, SkipRule } from './column-plan.js';
import { likelyKind } from './kinds/index.js';

export type { ColumnPlan, PlannedColumn, SkipRule };
import type { Kind } from './kinds/kind.js';
import { RECODE_ALL_ITEMS, mappingTargetError, type Mapping } from './mapping.js';
import { isIdentifierColumn } from './privacy.js';
import { fold, normaliseHeader } from './values.js';

/** Columns our own rejects files add, ignored silently when a fixed rejects file is imported again. */
export const REJECT_COLUMNS = ['safety_scan_line', 'safety_scan_column', 'safety_scan_reason'];

export interface PlanOptions {
  wave?: string;
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

/** The year in a file's name (`TF_SOC_POP_STRUCT_2025.txt`), the last one when there are several. */
function yearInName(file: string): string | undefined {
  return [...basename(file).matchAll(/(?<!\d)((?:19|20)\d{2})(?!\d)/g)].pop()?.[1];
}

function recodeTable(table: Record<string, string | number> | undefined): Map<string, string> | undefined {
  if (!table) return undefined;
  return new Map(Object.entries(table).map(([from, to]) => [fold(from), String(to)]));
}

/**
 * Which file column (or constant) feeds each canonical column of the layout, what is dropped, ignored or
 * skipped; a header that cannot give usable rows is refused here, before any row is read.
 */
export function planColumns<K extends Kind>(header: string[], layout: KindLayout<K>, mapping: Mapping | null, options: PlanOptions, file: string): ColumnPlan {
  const name = file;
  const spec = mapping?.spec ?? {};
  // Only a mapping names columns, so a named column that is wrong always has a mapping to point at.
  const targetError = (path: string[], target: string, columns: string[]) => mappingTargetError(present(mapping, 'the mapping that names a column'), path, target, columns);
  const known = layout.columns.map((column) => column.name);
  const renames = new Map<string, string>();
  for (const [from, to] of Object.entries(spec.columns ?? {})) {
    const target = normaliseHeader(to);
    if (!known.includes(target)) throw targetError(['columns', from], to, known);
    renames.set(normaliseHeader(from), target);
  }
  // a wide table's measures: each names the column of an indicator's value (and of its bounds)
  for (const [indicator, columns] of Object.entries(spec.measures ?? {})) {
    if (!layout.columns.some((column) => column.name === indicator && column.type === 'proportion')) {
      throw targetError(['measures', indicator], indicator, layout.columns.filter((column) => column.unitsOf === 'value').map((column) => column.name));
    }
    const named = typeof columns === 'string' ? { value: columns } : columns;
    for (const [bound, from] of Object.entries(named)) renames.set(normaliseHeader(from), bound === 'value' ? indicator : `${indicator}_${bound}`);
  }
  const extraDrops = new Set((spec.drop ?? []).map(normaliseHeader));

  const canonical = new Map<string, number>();
  const dropped: string[] = [];
  const droppedIndexes = new Set<number>();
  const ignored: string[] = [];
  const headerNames = header.map(normaliseHeader);
  const stems = uniqueStems(headerNames);
  const usedRenames = new Set<string>();
  // a rename names the header, or its stem when no other header shares the stem
  const renameKeyOf = (normalised: string, index: number) =>
    renames.has(normalised) ? normalised : stems.get(stemOf(normalised)) === index && renames.has(stemOf(normalised)) ? stemOf(normalised) : undefined;
  headerNames.forEach((normalised, index) => {
    const key = renameKeyOf(normalised, index);
    const renamed = key === undefined ? undefined : renames.get(key);
    if (key !== undefined) usedRenames.add(key);
    const target = renamed ?? normalised;
    if (known.includes(target)) {
      const previous = canonical.get(target);
      if (previous !== undefined) {
        throw new InputError('input.duplicate_column', { column: target, first: previous + 1, second: index + 1 }, { location: { file: name, line: 1, column: index + 1 } });
      }
      canonical.set(target, index);
    } else if (isIdentifierColumn(header[index]) || extraDrops.has(normalised)) {
      dropped.push(header[index].trim());
      droppedIndexes.add(index);
    } else if (!REJECT_COLUMNS.includes(normalised) && normalised !== '') {
      ignored.push(header[index].trim());
    }
  });

  const constants = new Map(Object.entries(spec.constants ?? {}).map(([key, value]) => [normaliseHeader(key), String(value)]));
  for (const key of constants.keys()) {
    if (!known.includes(key)) throw targetError(['constants', key], key, known);
  }
  if (options.wave !== undefined && known.includes('wave') && !constants.has('wave')) constants.set('wave', options.wave);
  const fileYear = spec.wave_from_file_name ? yearInName(file) : undefined;
  if (fileYear !== undefined && known.includes('wave') && !constants.has('wave')) constants.set('wave', fileYear);

  const missing = layout.columns.filter((column) => column.required && !canonical.has(column.name) && !constants.has(column.name));
  if (missing.length > 0) {
    const other = likelyKind(new Set(headerNames.map((h, index) => renames.get(renameKeyOf(h, index) ?? h) ?? h)), layout.kind);
    if (other) throw new InputError('input.wrong_kind', { kind: other, expected: layout.kind }, { location: { file: name, line: 1 } });
    const column = missing[0].name;
    const columns = header.map((h) => h.trim()).join(', ');
    const details = { location: { file: name, line: 1 } };
    if (column === 'wave') throw new InputError('input.wave_missing', { columns }, details);
    throw new InputError('input.column_missing', { column, columns }, details);
  }
  layout.checkColumns?.(new Set(canonical.keys()), name);

  const recodes = spec.recode ?? {};
  for (const key of Object.keys(recodes)) {
    if (key !== RECODE_ALL_ITEMS && !known.includes(normaliseHeader(key))) throw targetError(['recode', key], key, known);
  }
  const recodeAll = recodeTable(recodes[RECODE_ALL_ITEMS]);
  const recodeFor = (column: ColumnSpec) => {
    const own = Object.entries(recodes).find(([key]) => normaliseHeader(key) === column.name)?.[1];
    return recodeTable(own) ?? (column.type === 'item' ? recodeAll : undefined);
  };
  const units = new Map(Object.entries(spec.units ?? {}).map(([key, unit]) => [normaliseHeader(key), unit]));
  for (const key of units.keys()) {
    const column = layout.columns.find((c) => c.name === key);
    if (column?.type !== 'proportion') {
      const numeric = layout.columns.filter((c) => c.type === 'proportion').map((c) => c.name);
      throw targetError(['units', key], key, numeric);
    }
  }

  const columns: PlannedColumn[] = [];
  for (const column of layout.columns) {
    const index = canonical.get(column.name);
    const constant = constants.get(column.name);
    if (index === undefined && constant === undefined) continue;
    columns.push({
      spec: column,
      index: index ?? -1,
      header: index === undefined ? column.name : header[index].trim(),
      constant,
      recode: recodeFor(column),
      percent: (units.get(column.name) ?? (column.unitsOf === undefined ? undefined : units.get(column.unitsOf))) === 'percent',
    });
  }

  const skip: SkipRule[] = [];
  (spec.skip ?? []).forEach((rule, position) => {
    const index = headerNames.indexOf(normaliseHeader(rule.column));
    if (index < 0) {
      if (mapping?.source.yaml) throw mappingTargetError(mapping, ['skip', String(position), 'column'], rule.column, header);
      return; // a preset's rule for a column this export does not have
    }
    skip.push({ index, header: header[index].trim(), empty: rule.empty === true, equals: new Set((rule.equals ?? []).map(String)) });
  });
  // `keep:` names a header (or its stem), or the canonical column a header feeds
  for (const [name, values] of Object.entries(spec.keep ?? {})) {
    const wanted = normaliseHeader(name);
    let index = headerNames.indexOf(wanted);
    if (index < 0) index = stems.get(wanted) ?? canonical.get(wanted) ?? -1;
    if (index < 0) throw mappingTargetError(present(mapping, 'the mapping with a keep rule'), ['keep', name], name, header.map((h) => h.trim()));
    skip.push({ index, header: header[index].trim(), empty: false, equals: new Set(), keep: new Set(values.map((value) => fold(String(value)))) });
  }
  for (const rule of skip) {
    const position = ignored.indexOf(rule.header);
    if (position >= 0) ignored.splice(position, 1);
  }

  const unusedRenames = [...renames.keys()].filter((from) => !usedRenames.has(from) && !mapping?.alternatives?.has(from));
  return { columns, skip, ignored, dropped, droppedIndexes, unusedRenames, header, file };
}
