// Workbook sheets for answers whose documented shape is their JSON (`check`, `profile`): each list of records
// becomes a sheet whose columns are the JSON's field names (nested objects joined with `_`), so the workbook
// and the JSON never disagree, and every number is shown in its indicator's unit.
import type { IndicatorDefinition } from '../config/codebook.js';
import { problemIndicator } from '../config/codebook.js';
import type { CheckResult } from '../goals/check.js';
import type { IndicatorKind } from '../indicators/engine.js';
import { CHECK_RENDERERS } from './check/render.js';
import type { RenderView } from './formats.js';
import { PROFILE_RENDERERS, type ProfileSelection } from './profile/index.js';
import { shownNumber, shownValue, type DataCell, type DataTable } from './data-table.js';

/** Fields that hold a value in the record's indicator unit (a share is shown as a percentage). */
const IN_UNIT = new Set(['estimate', 'ci_low', 'ci_high', 'path_value', 'baseline', 'target', 'value', 'diff', 'se', 'estimate_se', 'benchmark_se', 'vs_area_diff', 'vs_area_se', 'mdc']);
/** Other numbers and how many decimals people read them with. */
const DIGITS: Readonly<Record<string, number>> = { z: 2, vs_area_z: 2, p: 4, vs_area_p: 4, q: 4, n_eff: 1, mean_severity: 2, spread: 2, trend_balance: 2 };
const PERCENT = new Set(['share_serious']);

type JsonRecord = Readonly<Record<string, unknown>>;

/** A record with nested objects joined into one level: `vs_area: {diff}` -> `vs_area_diff`; lists as text. */
function flatten(record: JsonRecord, prefix = ''): Array<[string, unknown]> {
  return Object.entries(record).flatMap(([key, value]): Array<[string, unknown]> => {
    const name = `${prefix}${key}`;
    if (Array.isArray(value)) return [[name, value.join(', ')]];
    if (typeof value === 'object' && value !== null) return flatten(value as JsonRecord, `${name}_`);
    return [[name, value]];
  });
}

/** The unit of a record's values: its indicator's, or for a theme the share naming it a problem. */
function kindOf(record: JsonRecord, definitions: ReadonlyMap<string, IndicatorDefinition>): IndicatorKind | null {
  const id = typeof record.indicator === 'string' ? record.indicator : typeof record.theme === 'string' ? problemIndicator(record.theme) : null;
  return id === null ? null : (definitions.get(id)?.type ?? null);
}

function cellOf(name: string, value: unknown, kind: IndicatorKind | null): DataCell {
  if (typeof value === 'number') {
    if (IN_UNIT.has(name) && kind !== null) return shownValue(value, kind);
    if (PERCENT.has(name)) return shownValue(value, 'share');
    if (name in DIGITS) return shownNumber(value, DIGITS[name]);
    return value;
  }
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  return null;
}

/** One sheet from records: columns in the order they first appear, a record without a field leaves it empty. */
function recordsTable(sheet: string, records: readonly JsonRecord[], definitions: ReadonlyMap<string, IndicatorDefinition>): DataTable {
  const flat = records.map((record) => ({ kind: kindOf(record, definitions), fields: new Map(flatten(record)) }));
  const named = [...new Set(flat.flatMap((record) => [...record.fields.keys()]))];
  // An object that is null in some records (`vs_area` of the whole area) is its joined columns, not one more.
  const columns = named.filter((name) => !named.some((other) => other.startsWith(`${name}_`)) || flat.some((record) => record.fields.get(name) != null));
  return { sheet, columns, rows: flat.map(({ kind, fields }) => columns.map((column) => cellOf(column, fields.get(column), kind))) };
}

/** The records of a list in the JSON, or none when the JSON has no such list. */
function recordsAt(json: JsonRecord, key: string): JsonRecord[] {
  const value = json[key];
  return Array.isArray(value) ? (value as JsonRecord[]) : [];
}

/** `check` as sheets: goals, expectation gaps and source divergences, with the fields of its JSON. */
export function checkTables(result: CheckResult, view: RenderView): DataTable[] {
  const json = JSON.parse(CHECK_RENDERERS.json(result, view)) as Record<string, unknown>;
  return [
    recordsTable(view.t('workbook.sheet_goals', { wave: result.wave }), recordsAt(json, 'goals'), view.definitions),
    recordsTable(view.t('workbook.sheet_gaps', { wave: result.wave }), recordsAt(json, 'expectation_gaps'), view.definitions),
    recordsTable(view.t('workbook.sheet_divergences', { wave: result.wave }), recordsAt(json, 'divergences'), view.definitions),
  ];
}

/** The parts of every profile, one sheet each, a `district` column first (empty for the whole area). */
const PROFILE_PARTS = ['indicators', 'residents_ranking', 'key_figures', 'signals', 'benchmarks', 'divergences'] as const;

/** `profile` as sheets: each part of the profiles (indicators, rankings, key figures, ...) with the fields of its JSON. */
export function profileTables(selection: ProfileSelection, view: RenderView): DataTable[] {
  const json = JSON.parse(PROFILE_RENDERERS.json(selection)) as Record<string, unknown>;
  const profiles = [...(json.area ? [json.area as Record<string, unknown>] : []), ...recordsAt(json, 'districts')];
  return PROFILE_PARTS.map((part) =>
    recordsTable(
      view.t(`workbook.sheet_${part}`, { wave: String(json.wave) }),
      profiles.flatMap((profile) => recordsAt(profile, part).map((record) => ({ district: profile.district ?? '', ...record }))),
      view.definitions,
    ),
  );
}
