// CSV for spreadsheets: comma-separated UTF-8, and no cell a spreadsheet would run as a formula.
import { csvLine } from './csv-line.js';

/** Cells starting with = + - @ (or a tab or carriage return) are prefixed with ' so Excel shows them as text. */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export type CsvCell = string | number | boolean | null;

function cell(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return neutralise(value);
}

export function toCsv(header: string[], rows: CsvCell[][]): string {
  return [header, ...rows].map((row) => csvLine(row.map(cell), ',')).join('');
}
