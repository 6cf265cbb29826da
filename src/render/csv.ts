// CSV for spreadsheets: comma-separated UTF-8, every cell through the one neutraliser (csv-line.ts).
import { csvLine } from './csv-line.js';

// The one neutraliser, for writers that import it from here (src/render/data-table.ts).
export { neutralise } from './csv-line.js';

export type CsvCell = string | number | boolean | null;

function cell(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return value;
}

export function toCsv(header: string[], rows: CsvCell[][]): string {
  return [header, ...rows].map((row) => csvLine(row.map(cell), ',')).join('');
}
