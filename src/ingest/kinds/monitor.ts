// Safety-monitor results: one aggregated value per area and indicator, with its interval when published. A
// table may give one result per row (`indicator`, `value`), one column per indicator (a wide table, through
// `measures:`), and its bounds in columns or, as CBS StatLine does, in rows of their own (`bound`).
import { z } from 'zod';
import { indicatorRange, type Codebook } from '../../config/codebook.js';
import { InputError } from '../../errors.js';
import { refusedCell } from '../privacy.js';
import { present } from '../../invariant.js';
import type { MessageKey } from '../../i18n/index.js';
import type { MonitorResult, StoredAt } from '../../store/tables.js';
import type { StoredRows } from '../../store/write.js';
import { cbsMonitor } from '../presets/cbs-monitor.js';
import { column, nameSchema, proportionSchema, waveSchema, type ColumnSpec } from './columns.js';
import type { ColumnPlan } from '../column-plan.js';
import type { CrossIssue, KindHandler, KindLayout, Sink } from './handler.js';
import { shownNames } from '../../shown-name.js';

/** What the numbers of a row with a `bound` are: the value, or one bound of its interval (CBS's `Marges`). */
const BOUNDS = ['value', 'ci_low', 'ci_high'] as const;
type Bound = (typeof BOUNDS)[number];

/** The columns of a result per row; every other column of a row is a wide table's indicator or bound. */
const LONG = ['wave', 'area', 'indicator', 'value', 'ci_low', 'ci_high', 'n', 'bound'];

export interface MonitorRow {
  wave: string;
  area: string;
  indicator?: string;
  value?: number;
  ci_low?: number;
  ci_high?: number;
  n?: number;
  bound?: Bound;
  /** a wide table's cells: `<indicator>`, `<indicator>_ci_low`, `<indicator>_ci_high` */
  readonly [measure: string]: string | number | undefined;
}

declare module './handler.js' {
  interface Rows {
    monitor: MonitorRow;
  }
}

interface Measure {
  indicator: string;
  value?: number;
  ci_low?: number;
  ci_high?: number;
}

const numberAt = (row: MonitorRow, name: string) => {
  const value = row[name];
  return typeof value === 'number' ? value : undefined;
};

/** The indicators a row gives, each with what the row holds of it (a bound row: its number as `value`). */
function measuresOf(row: MonitorRow): Measure[] {
  if (row.indicator !== undefined) return [{ indicator: row.indicator, value: row.value, ci_low: row.ci_low, ci_high: row.ci_high }];
  const measures: Measure[] = [];
  for (const name of Object.keys(row)) {
    if (LONG.includes(name) || name.endsWith('_ci_low') || name.endsWith('_ci_high')) continue;
    const measure = { indicator: name, value: numberAt(row, name), ci_low: numberAt(row, `${name}_ci_low`), ci_high: numberAt(row, `${name}_ci_high`) };
    if (measure.value !== undefined || measure.ci_low !== undefined || measure.ci_high !== undefined) measures.push(measure);
  }
  return measures;
}

/** A value with its interval: both bounds or none, the value between them (what the store's check holds too). */
export function intervalIssue(measure: Measure, column: (bound: Bound) => string): CrossIssue | null {
  if (measure.value === undefined) return { column: column('value'), code: 'required' };
  if ((measure.ci_low === undefined) !== (measure.ci_high === undefined)) return { column: column(measure.ci_low === undefined ? 'ci_low' : 'ci_high'), code: 'interval_incomplete' };
  const low = measure.ci_low ?? measure.value;
  const high = measure.ci_high ?? measure.value;
  return low <= measure.value && measure.value <= high ? null : { column: column('value'), code: 'interval_order' };
}

function monitorLayout(codebook: Codebook): KindLayout<'monitor'> {
  const indicators = codebook.indicators.map((indicator) => indicator.id);
  const wideColumns: ColumnSpec[] = [];
  const wideShape: Record<string, z.ZodType> = {};
  for (const definition of codebook.indicators) {
    const names = { value: definition.id, ci_low: `${definition.id}_ci_low`, ci_high: `${definition.id}_ci_high` };
    if (Object.values(names).some((name) => LONG.includes(name))) continue;
    const [low, high] = indicatorRange(definition, codebook) ?? [0, 1];
    const share = definition.type === 'share';
    for (const bound of BOUNDS) {
      // percentages (`units:`) apply to shares only: a score or a grade keeps its scale
      wideColumns.push({ name: names[bound], type: 'proportion', required: false, ...(share ? { unitsOf: bound } : { choices: [`${low}-${high}`] }) });
      wideShape[names[bound]] = (share ? proportionSchema : z.number().min(low).max(high)).optional();
    }
  }
  // A long table's value is a share, a score or a mean by its row's indicator (adversarial run r24, F5): the cell
  // is judged as a number, `units: percent` applies to a share's row only, and the row checks the indicator's range.
  const scales = new Map(codebook.indicators.map((definition) => [definition.id, { share: definition.type === 'share', range: indicatorRange(definition, codebook) ?? [0, 1] }]));
  const shareRow = (cell: (name: string) => unknown) => {
    const indicator = cell('indicator');
    return typeof indicator === 'string' && scales.get(indicator)?.share === true;
  };
  const longNumber = z.number().finite().optional();
  const longColumn = (name: Bound): ColumnSpec => ({ name, type: 'proportion', required: false, percentFor: shareRow });
  const schema = z.object({
    wave: waveSchema,
    area: nameSchema,
    indicator: z.enum(indicators as [string, ...string[]]).optional(),
    value: longNumber,
    ci_low: longNumber,
    ci_high: longNumber,
    n: z.number().int().min(0).optional(),
    bound: z.enum(BOUNDS).optional(),
    ...wideShape,
  });
  return {
    kind: 'monitor',
    columns: [
      column('wave', 'wave'),
      column('area', 'text'),
      column('indicator', 'indicator', false, indicators),
      longColumn('value'),
      longColumn('ci_low'),
      longColumn('ci_high'),
      column('n', 'count', false),
      column('bound', 'text', false, BOUNDS),
      ...wideColumns,
    ],
    // the wide columns follow the codebook's indicators, so the row type cannot be read off the schema
    row: schema as unknown as KindLayout<'monitor'>['row'],
    checkColumns(found, file) {
      const at = { location: { file, line: 1 } };
      const wide = wideColumns.filter((spec) => found.has(spec.name)).map((spec) => spec.name);
      const long = found.has('indicator') || found.has('value');
      if (long && wide.length > 0) throw new InputError('input.monitor_long_and_wide', { columns: shownNames(wide) }, at);
      if (!long && wide.length === 0) throw new InputError('input.monitor_values_missing', at);
      for (const name of long ? ['indicator', 'value'] : []) {
        if (!found.has(name)) throw new InputError('input.column_missing', { column: name, columns: shownNames(found) }, at);
      }
      const boundColumns = [...found].filter((name) => name === 'ci_low' || name === 'ci_high' || name.endsWith('_ci_low') || name.endsWith('_ci_high'));
      if (found.has('bound') && boundColumns.length > 0) throw new InputError('input.monitor_bound_and_columns', { columns: shownNames(boundColumns) }, at);
    },
    crossCheck(row) {
      const scale = row.indicator === undefined ? undefined : scales.get(row.indicator);
      if (scale === undefined) return [];
      const [low, high] = scale.range;
      const beyond = BOUNDS.filter((bound) => {
        const value = row[bound];
        return typeof value === 'number' && (value < low || value > high);
      });
      // a share's range is said as a proportion (with the hint on percentages); a score's or a mean's as its scale
      return beyond.map((bound): CrossIssue => (scale.share ? { column: bound, code: 'out_of_range' } : { column: bound, code: 'out_of_range', detail: { allowed: `${low}-${high}` } }));
    },
  };
}

/** A bound row's numbers, merged per area, wave and indicator with those of the other two rows (CBS `Marges`). */
class BoundRows {
  private readonly results = new Map<string, MonitorResult & { lines: Partial<Record<Bound, number>> }>();

  constructor(private readonly file: string) {}

  add(row: MonitorRow, line: number, bound: Bound): void {
    for (const measure of measuresOf(row)) {
      const key = `${row.wave}\u0000${row.area}\u0000${measure.indicator}`;
      const result = this.results.get(key) ?? { wave: row.wave, area: row.area, indicator: measure.indicator, value: Number.NaN, lines: {} };
      const first = result.lines[bound];
      if (first !== undefined) this.refuse('monitor.bound_twice', result, line, { bound, first, second: line });
      result.lines[bound] = line;
      if (bound === 'value') result.value = measure.value ?? Number.NaN;
      else result[bound] = measure.value;
      if (row.n !== undefined) result.n = row.n;
      this.results.set(key, result);
    }
  }

  /** Every result complete: a value, both bounds or none, the value between them. */
  *complete(): Generator<{ line: number; result: MonitorResult }> {
    for (const { lines, ...result } of this.results.values()) {
      const line = lines.value ?? lines.ci_low ?? lines.ci_high ?? 0;
      if (lines.value === undefined) this.refuse('monitor.bound_without_value', result, line, {});
      const issue = intervalIssue(result, (bound) => bound);
      if (issue) this.refuse(issue.code === 'interval_order' ? 'monitor.bound_order' : 'monitor.bound_incomplete', result, line, {});
      yield { line, result };
    }
  }

  private refuse(key: MessageKey, result: MonitorResult, line: number, extra: Record<string, string | number>): never {
    // the area is a cell of free text: shown by the refused-cell rule, as every cell a message quotes
    const params = { area: refusedCell(result.area), wave: result.wave, indicator: result.indicator, ...extra };
    throw new InputError({ key, params }, { location: { file: this.file, line } });
  }
}

/** Where an earlier batch stored one of the results this row gives. */
function storedCopies(stored: StoredRows): (row: MonitorRow) => StoredAt | null {
  return (row) => {
    for (const measure of measuresOf(row)) {
      const found = stored.monitorAt({ wave: row.wave, area: row.area, indicator: measure.indicator });
      if (found) return found;
    }
    return null;
  };
}

export const monitorHandler: KindHandler<'monitor'> = {
  kind: 'monitor',
  layout: monitorLayout,
  signature: ['area', 'indicator', 'value', 'ci_low', 'ci_high'],
  identity: null,
  duplicates: {
    by: 'columns',
    column: 'indicator',
    key: (row) => `${row.area}\u0000${row.indicator ?? '*'}\u0000${row.bound ?? ''}`,
    // a wide table's row has no indicator cell: its indicators are those of its columns
    about: (row) => ({ area: row.area, wave: row.wave, indicators: measuresOf(row).map((measure) => measure.indicator).join(', ') }),
    storedCopies,
  },
  crossCheck(row) {
    // a bound row's number is checked against the other bounds once they are all read
    if (row.bound !== undefined) return row.indicator !== undefined && row.value === undefined ? { column: 'value', code: 'required' } : null;
    for (const measure of measuresOf(row)) {
      const issue = intervalIssue(measure, (bound) => (row.indicator !== undefined ? bound : bound === 'value' ? measure.indicator : `${measure.indicator}_${bound}`));
      if (issue) return issue;
    }
    return null;
  },
  checkedDistrict: null,
  presets: { 'cbs-monitor': cbsMonitor },
  sink(target, batch, plan) {
    return monitorSink((line, result) => target.monitor(batch, line, result), plan);
  },
  // a dry run merges and checks the bound rows as the import does, and keeps nothing
  drySink(_stored, plan) {
    return monitorSink(() => undefined, plan);
  },
};

/** A monitor file's results to `insert`: a row's measures at once, bound rows (CBS `Marges`) merged and checked at the end. */
function monitorSink(insert: (line: number, result: MonitorResult) => void, plan: ColumnPlan): Sink<'monitor'> {
  const bounds = new BoundRows(plan.file);
  return {
    add: (row, line) => {
      if (row.bound !== undefined) bounds.add(row, line, row.bound);
      else for (const { indicator, value, ci_low, ci_high } of measuresOf(row)) {
        insert(line, { wave: row.wave, area: row.area, indicator, value: present(value, 'a value crossCheck required'), ci_low, ci_high, n: row.n });
      }
    },
    finish: () => {
      for (const { line, result } of bounds.complete()) insert(line, result);
    },
  };
}
