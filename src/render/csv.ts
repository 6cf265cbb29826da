// CSV for spreadsheets and scripts: comma-separated UTF-8, written from a DataTable (data-table.ts), every
// cell through the one neutraliser (csv-line.ts).
import { tableCsv, type DataCell } from './data-table.js';

export type CsvCell = Exclude<DataCell, object>;

export function toCsv(header: string[], rows: CsvCell[][]): string {
  return tableCsv({ sheet: '', columns: header, rows });
}
