// A command's result as rows and named columns, the one source of its CSV, its CSV for Excel and its workbook:
// every number keeps its full precision and says how it is shown (a proportion as a percentage with one
// decimal, a mean with two), so each writer can round or format it the way its reader expects.
import type { IndicatorKind } from '../indicators/engine.js';
import { csvLine } from './csv-line.js';

/** A number with how people read it: `digits` decimals, as a percentage when `percent`. */
export interface Shown {
  value: number;
  digits: number;
  percent: boolean;
}

export type DataCell = string | number | boolean | Shown | null;

export interface DataTable {
  /** the sheet's name in a workbook (31 characters at most, Excel's limit) */
  sheet: string;
  /** column names, the same in every language (scripts read them); each one is explained in the workbook */
  columns: readonly string[];
  rows: DataCell[][];
  /** where a column means something of its own in this table (`p` is a share in a plan, a p-value elsewhere): `column.<meanings>.<name>` is read before `column.<name>` */
  meanings?: string;
}

/** An indicator kind's unit as a table column names it, for scripts. */
export const UNIT_CODES = { share: 'proportion_0_1', mean: 'mean_of_answers', score: 'score_0_10' } as const satisfies Record<IndicatorKind, string>;

export const isShown = (cell: DataCell): cell is Shown => typeof cell === 'object' && cell !== null;

/** An estimate, interval bound or difference in its indicator's unit, shown as the tables show it. */
export function shownValue(value: number | null, kind: IndicatorKind): Shown | null {
  if (value === null || !Number.isFinite(value)) return null;
  return kind === 'share' ? { value, digits: 1, percent: true } : { value, digits: kind === 'score' ? 1 : 2, percent: false };
}

/** A standard error, z or p, shown with a fixed number of decimals. */
export function shownNumber(value: number | null, digits: number): Shown | null {
  return value === null || !Number.isFinite(value) ? null : { value, digits, percent: false };
}

/** The number a cell holds at full precision (for scripts), or its text (csvLine neutralises formulas). */
function plainCell(cell: DataCell): string {
  if (cell === null) return '';
  if (isShown(cell)) return String(cell.value);
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  return cell;
}

/** The number as shown, with a decimal comma (a proportion keeps its unit: 0,123 for 12.3%). */
function excelCell(cell: DataCell): string {
  if (isShown(cell)) {
    const digits = cell.percent ? cell.digits + 2 : cell.digits;
    const rounded = Math.abs(cell.value) < 0.5 * 10 ** -digits ? 0 : cell.value;
    return rounded.toFixed(digits).replace('.', ',');
  }
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell).replace('.', ',') : '';
  return plainCell(cell);
}

/** CSV for scripts: comma, decimal point, full precision, no byte-order mark. */
export function tableCsv(table: DataTable): string {
  return [table.columns, ...table.rows.map((row) => row.map(plainCell))].map((row) => csvLine(row, ',')).join('');
}

/**
 * CSV for Excel on a Belgian or Dutch PC (`--excel`): semicolons, decimal commas, numbers rounded as shown, and
 * a UTF-8 byte-order mark so that accents survive the opening.
 */
export function tableExcelCsv(table: DataTable): string {
  return `\ufeff${[table.columns, ...table.rows.map((row) => row.map(excelCell))].map((row) => csvLine(row, ';')).join('')}`;
}
