// Tables as an Excel workbook (`--format xlsx --out FILE`): one sheet per table, numbers stored as numbers with
// the format the terminal shows them in (12.3% for a share, 3.42 for a mean), and a last sheet that explains
// every column in the reader's language. Written with hucre, a maintained reader and writer of xlsx.
import type { Cell, WriteSheet } from 'hucre';
import { isMessageKey, type Translate } from '../i18n/index.js';
import { neutralise } from './csv-line.js';
import { isShown, type DataCell, type DataTable } from './data-table.js';

/** The Excel number format of a value shown with `digits` decimals: 0.0% or 0.00. */
function numberFormat(digits: number, percent: boolean): string {
  const decimals = digits > 0 ? `.${'0'.repeat(digits)}` : '';
  return percent ? `0${decimals}%` : `0${decimals}`;
}

/** What a column means, from the catalogue (the table's own `column.<meanings>.<name>`, else `column.<name>`); every column a table writes has one (tested). */
export function columnMeaning(name: string, t: Translate, meanings?: string): string {
  const own = `column.${meanings}.${name}`;
  if (meanings !== undefined && isMessageKey(own)) return t.message({ key: own, params: {} });
  const key = `column.${name}`;
  if (isMessageKey(key)) return t.message({ key, params: {} });
  // One column per source of signals, named after the source's code.
  const source = /^by_source_(.+)$/.exec(name)?.[1];
  const sourceKey = `source.${source}`;
  if (source !== undefined) return t('column.by_source', { source: isMessageKey(sourceKey) ? t.message({ key: sourceKey, params: {} }) : source });
  return '';
}

/**
 * A character XML 1.0 does not allow (C0 controls but tab, line feed and carriage return, U+FFFE, U+FFFF, a lone
 * surrogate), a carriage return (which XML reads as a line feed), or the `_` of a literal `_xHHHH_` (which Excel decodes).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const NOT_AS_WRITTEN = /[\u0000-\u0008\u000b\u000c\u000d\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|_(?=x[0-9A-Fa-f]{4}_)/g;

/**
 * A text as a workbook holds it (ECMA-376 ST_Xstring): a character XML cannot hold written `_xHHHH_`, Excel's own
 * escape, and the `_` of a literal `_xHHHH_` written `_x005F_`, so the part is well-formed XML and Excel shows
 * the text as written (`Oost_x000A_` is not a line break, U+FFFE not a broken file).
 */
export function workbookText(text: string): string {
  return text.replace(NOT_AS_WRITTEN, (character) => `_x${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

/**
 * The style of a text a spreadsheet would run as a formula once edited (`=1+2`, `-cmd`, `@SUM`: what `neutralise`
 * quotes in a CSV file): the Text number format (`@`), so the cell stays text when someone edits it or saves the
 * workbook as CSV; a text cell alone was inert only until then (adversarial run r33, C1). The text itself is kept.
 */
function textFormat(text: string): { numFmt: string } | undefined {
  return neutralise(text) === text ? undefined : { numFmt: '@' };
}

function sheetOf(table: DataTable): WriteSheet {
  const cells = new Map<string, Partial<Cell>>(table.columns.map((column, c) => [`0,${c}`, { style: { font: { bold: true }, ...textFormat(column) } }]));
  const rows = table.rows.map((row, r) =>
    row.map((cell: DataCell, c) => {
      if (!isShown(cell)) {
        if (typeof cell !== 'string') return cell;
        const style = textFormat(cell);
        if (style) cells.set(`${r + 1},${c}`, { style });
        return workbookText(cell);
      }
      cells.set(`${r + 1},${c}`, { style: { numFmt: numberFormat(cell.digits, cell.percent) } });
      return cell.value;
    }),
  );
  return {
    name: table.sheet.slice(0, 31),
    rows: [table.columns.map(workbookText), ...rows],
    cells,
    columns: table.columns.map(() => ({ autoWidth: true })),
    freezePane: { rows: 1 },
  };
}

function aboutSheet(tables: readonly DataTable[], t: Translate): WriteSheet {
  const rows = tables.flatMap((table) => table.columns.map((column) => [table.sheet.slice(0, 31), column, columnMeaning(column, t, table.meanings)]));
  return sheetOf({ sheet: t('workbook.about_sheet'), columns: [t('workbook.about_sheet_col'), t('workbook.about_column'), t('workbook.about_meaning')], rows });
}

export async function workbookBytes(tables: readonly DataTable[], t: Translate): Promise<Uint8Array> {
  const { writeXlsx } = await import('hucre/xlsx');
  // A fixed date in the file's properties: the same tables give the same bytes, whatever the clock says.
  const fixed = new Date(Date.UTC(2000, 0, 1));
  return writeXlsx({ sheets: [...tables.map(sheetOf), aboutSheet(tables, t)], properties: { creator: 'safety-scan', created: fixed, modified: fixed } });
}
