// Excel workbooks (.xlsx) as tables, through hucre's streaming reader: the chosen sheet's XML is parsed row
// by row as the import asks for rows, so memory stays bounded by the compressed workbook and its shared
// strings, not by the number of rows. Cells keep their types: numbers, dates and text become the text the
// same value has in a CSV export.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { EncryptedFileError, HucreError, UnsupportedFormatError, XmlError, ZipError } from 'hucre';
import { readXlsx, streamXlsxRows } from 'hucre/xlsx';
import { InputError } from '../errors.js';
import { phrase, type Phrase } from '../i18n/index.js';
import { formatCount } from '../render/numbers.js';
import type { WorkbookLayout } from './detect.js';
import type { Named } from './encoding.js';
import { shownName } from '../shown-name.js';
import { MAX_RECORD_BYTES, type Inspected, type SourceRow, type Table } from './table.js';
import { directoryPlace, zipParts, type ZipPart } from '../zip-directory.js';
import { checkWorkbook, columnLetter, MAX_COLUMN, partData, partNamed, tagIs, unpack, workbookPlan, XmlElements, type WorkbookDamage, type WorkbookPlan } from './xlsx-check.js';

const BATCH_ROWS = 1024;

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** A cell as text, the way a CSV export writes the same value: `44`, `0.075`, `2026-03-14`, `2026-03-14 07:41:21`. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) {
    const date = `${pad(value.getUTCFullYear(), 4)}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
    const seconds = value.getUTCHours() * 3600 + value.getUTCMinutes() * 60 + value.getUTCSeconds();
    return seconds === 0 ? date : `${date} ${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}:${pad(value.getUTCSeconds())}`;
  }
  return String(value);
}

/** A workbook's bytes, its parts (as its directory declares them) and the entries of its table of shared texts. */
interface ReadWorkbook {
  bytes: Buffer;
  parts: ZipPart[];
  /** The parts the reader reads, found as it finds them (undefined: the workbook does not say). */
  plan: WorkbookPlan | undefined;
  sharedTexts: number | undefined;
}

async function readWorkbook(named: Named): Promise<ReadWorkbook> {
  let bytes: Buffer;
  try {
    bytes = await readFile(named.path);
  } catch (error) {
    throw new InputError('input.unreadable', { reason: (error as NodeJS.ErrnoException).code ?? String(error) }, { location: { file: named.file }, cause: error });
  }
  const parts = checkPacking(named, bytes);
  const plan = workbookPlan(bytes, parts);
  return { bytes, parts, plan, sharedTexts: await checkSharedStrings(named, bytes, parts, plan) };
}

/** Above this size unpacked, a part of a workbook may not unpack to more than MAX_PACKING times its packed size. */
const PACKING_FLOOR = 64 * 1024 * 1024;
/** Spreadsheet XML packs about 5 to 20 times; a part that unpacks 200 times larger is a bomb, not an export. */
const MAX_PACKING = 200;

/**
 * Refuses a workbook whose parts unpack far beyond what their data could hold (a zip bomb), before any part is
 * unpacked: the sizes its central directory declares (the ZIP format, APPNOTE 4.3.12). A workbook that is not a
 * ZIP file at all is left for the reader to refuse.
 */
function checkPacking(named: Named, bytes: Buffer): ZipPart[] {
  const place = directoryPlace(bytes);
  if (place === undefined) return [];
  return zipParts(bytes, place.offset, place.entries, (part) => {
    if (part.unpacked > PACKING_FLOOR && part.unpacked > MAX_PACKING * Math.max(part.packed, 1)) {
      throw new InputError('input.workbook_bomb', { part: shownName(part.name), size: phrase('number.megabytes', { value: Math.round(part.unpacked / (1024 * 1024)) }) }, { location: { file: named.file } });
    }
  });
}

/** Shared texts always accepted; beyond, no more than the sheets have room to use, and never more than MAX_SHARED. */
const SHARED_FLOOR = 100_000;
/** The reader keeps every shared text as a string (hundreds of bytes each): two million take about 2 GB. */
const MAX_SHARED = 2_000_000;
/** The fewest bytes of sheet XML a cell that uses a shared text takes: `<c r="A1" t="s"><v>0</v></c>`. */
const CELL_BYTES = 20;

/**
 * Refuses a workbook whose table of shared texts holds more entries than its sheets could use, or more than the
 * reader can hold: a few megabytes of tiny texts would otherwise fill the memory before the first row is read.
 * The entries are counted in one streaming pass over the unpacked part, which is never kept.
 */
async function checkSharedStrings(named: Named, bytes: Buffer, parts: readonly ZipPart[], plan: WorkbookPlan | undefined): Promise<number | undefined> {
  if (plan === undefined) return undefined;
  // the table the workbook's relations name, wherever it is (r12, 1b): another part by the usual name is not read
  const shared = plan.sharedStrings === undefined ? undefined : partNamed(parts, plan.sharedStrings);
  if (!shared) return 0;
  if (shared.method !== 8 && shared.method !== 0) return undefined;
  const data = partData(bytes, shared);
  if (data === undefined) return undefined;
  const sheetParts = new Set([...plan.sheets.values()]);
  const sheets = parts.filter((part) => sheetParts.has(part.name)).reduce((sum, part) => sum + part.unpacked, 0);
  const limit = Math.min(MAX_SHARED, Math.max(SHARED_FLOOR, Math.floor(sheets / CELL_BYTES)));
  // the entries the reader keeps: the `<si>` children of the table's root, none in a comment, a CDATA section
  // or an extension's list (`<extLst>`) (r12, 1a)
  let count = 0;
  const entries = new XmlElements((depth, source, from, end) => {
    if (depth === 1 && tagIs(source, from, end, 'si')) count++;
  });
  const text = new StringDecoder('utf8');
  try {
    await unpack(data, shared.method, (chunk) => {
      entries.feed(text.write(chunk));
      return count <= limit;
    });
  } catch {
    return undefined; // a part that does not unpack is the reader's to refuse, with its own words
  }
  if (count > limit) {
    throw new InputError('input.workbook_shared_texts', { part: shownName(shared.name), limit: { render: (t) => formatCount(limit, t) } }, { location: { file: named.file } });
  }
  return count;
}

function workbookError(named: Named, error: unknown): unknown {
  if (error instanceof EncryptedFileError) return new InputError('input.old_excel', { location: { file: named.file }, cause: error });
  // A text of a cell longer than a JavaScript string can be (hundreds of megabytes): a packed bomb that lied about its size.
  if (error instanceof RangeError && /string/i.test(error.message)) return new InputError('input.workbook_text_too_long', { location: { file: named.file }, cause: error });
  if (error instanceof HucreError) return new InputError('input.bad_workbook', { reason: workbookReason(error) }, { location: { file: named.file }, cause: error });
  // anything else the reader threw while reading the workbook's parts is its failure on this file (garbled
  // packed data, a value it could not resolve), never ours: damaged, or cut short (adversarial run r11, 1 and 2)
  const reason = cutShort(error) ? phrase('xlsx.cut_short') : phrase('xlsx.damaged');
  return new InputError('input.bad_workbook', { reason }, { location: { file: named.file }, cause: error });
}

/** Packed data that ends too soon: Node's zlib says so with Z_BUF_ERROR, hucre's own inflater with a plain Error. */
function cutShort(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (error as NodeJS.ErrnoException).code === 'Z_BUF_ERROR' || (error.constructor === Error && /end of DEFLATE data/i.test(error.message));
}

/**
 * Why the reader refused a workbook, in the reader's language: by the error's class, and within a class by the
 * few sentences hucre 1.0 writes (its errors carry no code). The library's English stays the cause (--verbose).
 */
export function workbookReason(error: HucreError): Phrase {
  const text = error.message;
  if (/outside the supported sheet bounds/i.test(text)) return phrase('xlsx.cell_outside');
  if (/spans .* cells, over the .* limit/i.test(text)) return phrase('xlsx.too_many_cells');
  if (/exceeds (the )?(limit|maximum)|exceeds the 4 GiB/i.test(text)) return phrase('xlsx.unpacks_too_large');
  if (/contains no sheets/i.test(text)) return phrase('xlsx.no_sheets');
  if (/^Invalid XLSX: missing|cannot find workbook relationship/i.test(text)) return phrase('xlsx.part_missing');
  if (error instanceof XmlError) return phrase('xlsx.xml_damaged');
  if (/CRC-32 mismatch/i.test(text)) return phrase('xlsx.damaged');
  if (error instanceof ZipError || error instanceof UnsupportedFormatError || /not a valid ZIP/i.test(text)) return phrase('xlsx.cut_short');
  return phrase('xlsx.damaged');
}

/** The sheets' names in workbook order, without parsing any sheet. */
async function sheetNames(named: Named, bytes: Buffer): Promise<string[]> {
  const names: string[] = [];
  try {
    await readXlsx(bytes, {
      sheets: (info) => {
        names.push(info.name);
        return false;
      },
    });
  } catch (error) {
    throw workbookError(named, error);
  }
  return names;
}

/** `--sheet`: a sheet's name (exactly, else ignoring case), or its position from 1; the first sheet by default. */
export function chooseSheet(names: readonly string[], wanted: string | undefined): string | null {
  if (wanted === undefined) return names[0] ?? null;
  const exact = names.find((name) => name === wanted.trim());
  if (exact !== undefined) return exact;
  const loose = names.filter((name) => name.toLowerCase() === wanted.trim().toLowerCase());
  if (loose.length === 1) return loose[0];
  const position = /^\d+$/.test(wanted.trim()) ? Number(wanted) : Number.NaN;
  return Number.isInteger(position) && position >= 1 && position <= names.length ? names[position - 1] : null;
}

/** The first pass for a workbook: its hash, and the sheet that will be read (checked against the workbook). */
export async function inspectWorkbook(named: Named, wanted: string | undefined): Promise<Inspected> {
  const { bytes } = await readWorkbook(named);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const names = await sheetNames(named, bytes);
  const sheet = chooseSheet(names, wanted);
  if (sheet === null) {
    const sheets = names.map((name) => `\`${name}\``).join(', ') || '-';
    throw new InputError('input.no_sheet', { sheet: wanted ?? '1', sheets }, { location: { file: named.file } });
  }
  return { named, sha256, size: bytes.length, detected: { format: 'xlsx', sheet } };
}

/**
 * The CSV reader's limit on a record, for a sheet's row (its header too): one runaway cell would be carried
 * through every heading check and echoed into messages and rejects. The message names the longest cell.
 */
function checkRowLength(fields: readonly string[], file: string, line: number, label: (index: number) => string = columnLetter): void {
  let total = 0;
  let longest = 0;
  for (let i = 0; i < fields.length; i++) {
    total += fields[i].length;
    if (fields[i].length > fields[longest].length) longest = i;
  }
  if (total > MAX_RECORD_BYTES) {
    const max = phrase('number.megabytes', { value: MAX_RECORD_BYTES / (1024 * 1024) });
    throw new InputError('input.row_too_long', { max, cell: `${label(longest)}${line}` }, { location: { file, line } });
  }
}

/** Beyond this many columns that are empty from the header down, a sheet is read without them. */
const EMPTY_COLUMNS = 256;

/**
 * The columns of the header kept (0-based): each with a heading or a cell under it, and every column after the
 * header; undefined when all are kept. A column empty from the header down holds nothing to read, but every row
 * would carry a field for it: a header with one stray cell at XFD1 made each row 16,384 fields, gigabytes over a
 * sheet (adversarial run r12, finding 5). Dropped only when there are many, so a sheet's columns keep their
 * positions as a reader sees them; messages still name each cell by its own letter.
 */
function keptColumns(header: readonly string[], used: Uint8Array): number[] | undefined {
  const kept: number[] = [];
  for (let index = 0; index < header.length; index++) if (header[index].trim() !== '' || used[index + 1] === 1) kept.push(index);
  return header.length - kept.length > EMPTY_COLUMNS ? kept : undefined;
}

/**
 * A row's cells in the kept columns, then those after the header's `width` up to the last that holds something
 * (a row longer than the header stays longer).
 */
function keptFields(values: readonly unknown[], kept: readonly number[], width: number): string[] {
  const fields = kept.map((index) => cellText(values[index]));
  let last = values.length;
  while (last > width && cellText(values[last - 1]).trim() === '') last--;
  for (let index = width; index < last; index++) fields.push(cellText(values[index]));
  return fields;
}

/** Opens the inspected sheet: its first non-empty row is the header, the rows after it arrive in batches. */
export async function openWorkbook(inspected: Inspected, layout: WorkbookLayout): Promise<Table> {
  const { named } = inspected;
  const name = `${named.file}[${layout.sheet}]`;
  const { bytes, parts, plan, sharedTexts } = await readWorkbook(named);
  let damage: WorkbookDamage | undefined;
  const used = new Uint8Array(MAX_COLUMN + 1);
  try {
    damage = await checkWorkbook(bytes, parts, plan, layout.sheet, sharedTexts, used);
  } catch (error) {
    throw workbookError({ ...named, file: name }, error);
  }
  if (damage) throw new InputError('input.bad_workbook', { reason: damage.reason }, { location: { file: name, line: damage.row } });
  const source = streamXlsxRows(bytes, { sheet: layout.sheet });
  const close = () => {
    void source.return(undefined).catch(() => undefined);
  };
  const next = async () => {
    try {
      return await source.next();
    } catch (error) {
      close();
      throw workbookError({ ...named, file: name }, error);
    }
  };

  let header: string[] | null = null;
  let headerLine = 0;
  while (header === null) {
    const step = await next();
    if (step.done) break;
    const cells = step.value.values.map(cellText);
    if (cells.some((cell) => cell.trim() !== '')) {
      headerLine = step.value.index + 1;
      try {
        checkRowLength(cells, name, headerLine);
      } catch (error) {
        close();
        throw error;
      }
      header = cells;
    }
  }
  if (header === null) {
    close();
    throw new InputError('input.empty', { location: { file: name } });
  }
  // one stray cell far to the right (XFD1) made every row 16,384 fields wide (adversarial run r12, finding 5)
  const kept = keptColumns(header, used);
  const sheetWidth = header.length;
  if (kept !== undefined) header = kept.map((index) => header?.[index] ?? '');
  const columnLabel = kept === undefined ? columnLetter : (index: number) => columnLetter(index < kept.length ? kept[index] : sheetWidth + index - kept.length);
  const width = header.length;
  let blank = 0;
  let previous = headerLine;

  async function* rows(): AsyncGenerator<SourceRow[]> {
    try {
      let batch: SourceRow[] = [];
      for (;;) {
        const step = await next();
        if (step.done) break;
        const line = step.value.index + 1;
        blank += Math.max(0, line - previous - 1); // rows a sheet leaves out are empty rows
        previous = line;
        const values = step.value.values;
        const fields = kept === undefined ? values.map(cellText) : keptFields(values, kept, sheetWidth);
        if (!fields.some((cell) => cell.trim() !== '')) {
          blank++;
          continue;
        }
        checkRowLength(fields, name, line, columnLabel);
        while (fields.length < width) fields.push('');
        batch.push({ line, fields });
        if (batch.length === BATCH_ROWS) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    } finally {
      close();
    }
  }

  return { name, detected: layout, header, headerLine, rows: rows(), blankRows: () => blank, columnLabel, done: () => null, close };
}
