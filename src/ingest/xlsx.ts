// Excel workbooks (.xlsx) as tables: the chosen sheet's XML is unpacked and read row by row as the import asks
// for rows, in the one pass that also checks it (xlsx-check.ts), so memory stays bounded by the compressed
// workbook and its shared strings, not by the number of rows, and the sheet is unpacked once. Cells keep their
// types: numbers, dates, percentages and text become the text the same value has in a CSV export. hucre only
// names the sheets of a workbook whose relations do not, and refuses it in its words.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { crc32, createInflateRaw } from 'node:zlib';
import { EncryptedFileError, HucreError, UnsupportedFormatError, XmlError, ZipError } from 'hucre';
import { readXlsx } from 'hucre/xlsx';
import { InputError } from '../errors.js';
import { phrase, type Phrase } from '../i18n/index.js';
import { formatCount } from '../render/numbers.js';
import type { WorkbookLayout } from './detect.js';
import type { Named } from './encoding.js';
import { shownName } from '../shown-name.js';
import { storedSheetName } from './privacy.js';
import { type Beyond, headedColumns, keptFields, MAX_RECORD_BYTES, type Inspected, type SourceRow, type Table, UnheadedColumns, unheadedOf } from './table.js';
import { holdsEntries, wholeDirectoryPlace, zipParts, type ZipPart } from '../zip-directory.js';
import { cellFormats, cellsFrom, cellsOf, checkWorkbook, columnLetter, longerThanDeclared, partData, partNamed, passesDeclaredSize, SheetCells, type SheetRow, smallPart, stringItems, tagIs, UndefinedEntity, undefinedEntityIn, unpack, workbookPlan, XmlElements, type WorkbookDamage, type WorkbookPlan } from './xlsx-check.js';

const BATCH_ROWS = 1024;

const holdsText = (cell: string): boolean => cell.trim() !== '';

/** A workbook's bytes, its parts (as its directory declares them) and the parts the reader reads. */
interface ReadWorkbook {
  bytes: Buffer;
  parts: ZipPart[];
  /** The parts the reader reads, found as it finds them (undefined: the workbook does not say). */
  plan: WorkbookPlan | undefined;
}

async function readWorkbook(named: Named): Promise<ReadWorkbook> {
  let bytes: Buffer;
  try {
    bytes = await readFile(named.path);
  } catch (error) {
    throw new InputError('input.unreadable', { reason: (error as NodeJS.ErrnoException).code ?? String(error) }, { location: { file: named.file }, cause: error });
  }
  const parts = checkPacking(named, bytes);
  return { bytes, parts, plan: workbookPlan(bytes, parts) };
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
  const place = wholeDirectoryPlace(bytes);
  if (place === undefined) return [];
  if (place === 'zip64_damaged') throw new InputError('input.bad_workbook', { reason: phrase('xlsx.zip64_damaged') }, { location: { file: named.file } });
  // a directory that holds other than the entries its end record counts: parts would be left unread, or unchecked
  if (!holdsEntries(bytes, place.offset, place.entries)) throw new InputError('input.bad_workbook', { reason: phrase('xlsx.damaged') }, { location: { file: named.file } });
  // a part named twice (a package holds no two part names that are equal ignoring ASCII case, ECMA-376 Part 2): the reader keeps
  // one of the two, another program may read the other (r14, F10)
  const seen = new Set<string>();
  return zipParts(bytes, place.offset, place.entries, (part) => {
    const key = part.name.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
    if (seen.has(key)) throw new InputError('input.bad_workbook', { reason: phrase('xlsx.part_twice', { part: shownName(part.name) }) }, { location: { file: named.file } });
    seen.add(key);
    // a part marked encrypted cannot be read as it is (adversarial run r26, F2: its bytes were read as plain data)
    if ((part.flags & 1) === 1) throw new InputError('input.old_excel', { location: { file: named.file } });
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
 * The most bytes the table of shared texts may unpack to. The reader holds the table as text and then its
 * entries, about four times its size at the peak (a 400 MB table took 1.7 GB, and from about 500 MB it cannot be
 * held as one string at all); 256 MB is more than a million rows of distinct answers of a hundred characters each.
 */
export const MAX_SHARED_BYTES = 256 * 1024 * 1024;

/**
 * The workbook's shared texts, as Excel shows them. Refuses a table that holds more entries than its sheets could
 * use, or more than the reader can hold: a few megabytes of tiny texts would otherwise fill the memory before the
 * first row is read. The entries are counted as the part unpacks, in the one pass that reads it and checks its
 * CRC-32; the texts are made only when their number is within bounds.
 */
async function readSharedTexts(named: Named, bytes: Buffer, parts: readonly ZipPart[], plan: WorkbookPlan): Promise<{ texts: string[]; forbidden: Set<number> }> {
  const forbidden = new Set<number>();
  // the table the workbook's relations name, wherever it is (r12, 1b): another part by the usual name is not read
  const shared = plan.sharedStrings === undefined ? undefined : partNamed(parts, plan.sharedStrings);
  if (!shared) return { texts: [], forbidden };
  const data = partData(bytes, shared);
  if ((shared.method !== 8 && shared.method !== 0) || data === undefined) throw new InputError('input.bad_workbook', { reason: phrase('xlsx.damaged') }, { location: { file: named.file } });
  const tooLarge = () =>
    new InputError('input.workbook_shared_bytes', { part: shownName(shared.name), max: phrase('number.megabytes', { value: MAX_SHARED_BYTES / (1024 * 1024) }) }, { location: { file: named.file } });
  // refused before it unpacks when its directory says so, and as it unpacks when the directory understates it
  if (shared.unpacked > MAX_SHARED_BYTES) throw tooLarge();
  const sheetParts = new Set([...plan.sheets.values()]);
  const sheets = parts.filter((part) => sheetParts.has(part.name)).reduce((sum, part) => sum + part.unpacked, 0);
  const limit = Math.min(MAX_SHARED, Math.max(SHARED_FLOOR, Math.floor(sheets / CELL_BYTES)));
  // the entries the reader keeps: the `<si>` children of the table's root, none in a comment, a CDATA section
  // or an extension's list (`<extLst>`) (r12, 1a)
  let count = 0;
  let size = 0;
  const entries = new XmlElements((depth, source, from, end) => {
    if (depth === 1 && tagIs(source, from, end, 'si')) count++;
  });
  const text = new StringDecoder('utf8');
  const pieces: string[] = [];
  let crc: number;
  try {
    crc = await unpack(data, shared.method, (chunk) => {
      size += chunk.length;
      if (size > MAX_SHARED_BYTES) return false;
      const piece = text.write(chunk);
      entries.feed(piece);
      pieces.push(piece);
      return count <= limit;
    });
  } catch (error) {
    throw workbookError(named, error);
  }
  if (size > MAX_SHARED_BYTES) throw tooLarge();
  if (count > limit) {
    throw new InputError('input.workbook_shared_texts', { part: shownName(shared.name), limit: { render: (t) => formatCount(limit, t) } }, { location: { file: named.file } });
  }
  if (crc !== shared.crc) throw new InputError('input.bad_workbook', { reason: phrase('xlsx.damaged') }, { location: { file: named.file } });
  pieces.push(text.end());
  try {
    return { texts: stringItems(pieces.join(''), 'si', 1, forbidden), forbidden };
  } catch (error) {
    if (error instanceof UndefinedEntity) throw new InputError('input.bad_workbook', { reason: undefinedEntityIn(shared.name) }, { location: { file: named.file }, cause: error });
    throw workbookError(named, error); // a table longer than a string can be: a bomb that packs just under the limit
  }
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
  const { bytes, parts, plan } = await readWorkbook(named);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  // the sheets as the workbook lists them; one it does not say enough of is the library's to refuse, in its words
  const listed = plan !== undefined && partNamed(parts, '[Content_Types].xml') !== undefined && plan.sheets.size > 0 && [...plan.sheets.values()].every((part) => part !== undefined && partNamed(parts, part) !== undefined);
  const names = listed ? [...plan.sheets.keys()] : await sheetNames(named, bytes);
  const sheet = chooseSheet(names, wanted);
  // a workbook that lists no sheet has nothing to choose from (adversarial run r23b: "its sheets are: -")
  if (names.length === 0) throw new InputError('input.no_sheets', { location: { file: named.file } });
  if (sheet === null) {
    // a sheet's name comes from the file: one that looks like an identifier is withheld, as the store keeps it
    const sheets = names.map((name) => `\`${storedSheetName(name)}\``).join(', ');
    // and so is the name typed as --sheet, by the same rule: it was echoed as typed (`jan@x.be`, `Dr. Peeters`), where
    // every other option's value that is an identifier is shown as `***` (adversarial run r34, F8)
    throw new InputError('input.no_sheet', { sheet: wanted === undefined ? '1' : storedSheetName(wanted), sheets }, { location: { file: named.file } });
  }
  // the other sheets are said when the first was read by default: their rows are not imported (nothing silent)
  const otherSheets = wanted === undefined ? names.slice(1).map(storedSheetName) : [];
  return { named, sha256, size: bytes.length, detected: { format: 'xlsx', sheet, ...(otherSheets.length > 0 ? { otherSheets } : {}) } };
}

/**
 * The CSV reader's limit on a record, for a sheet's row (its header too): one runaway cell would be carried
 * through every heading check and echoed into messages and rejects. The message names the longest cell.
 */
function checkRowLength(fields: readonly string[], file: string, line: number, label: (index: number) => string = columnLetter, beyond?: Beyond): void {
  let total = 0;
  let longest = 0;
  let most = -1;
  for (let i = 0; i < fields.length; i++) {
    total += fields[i].length;
    if (fields[i].length > most) [longest, most] = [i, fields[i].length];
  }
  for (let i = 0; beyond !== undefined && i < beyond.texts.length; i++) {
    total += beyond.texts[i].length;
    if (beyond.texts[i].length > most) [longest, most] = [beyond.positions[i], beyond.texts[i].length];
  }
  if (total > MAX_RECORD_BYTES) {
    const max = phrase('number.megabytes', { value: MAX_RECORD_BYTES / (1024 * 1024) });
    throw new InputError('input.row_too_long', { max, cell: `${label(longest)}${line}` }, { location: { file, line } });
  }
}

/**
 * The cells of a row that skips columns (`columns`) under the header's columns with a heading (`kept`), as
 * `keptFields` has them, without a field for each column skipped: under a header that reaches XFD (one heading
 * there), a row's cell at XFC cost 16,384 fields to read. Its cells under no heading are shown to `unheaded`.
 */
function headedCells(row: SheetRow, kept: readonly number[], sheetWidth: number, unheaded: UnheadedColumns): string[] {
  const { values, columns = [] } = row;
  const fields: string[] = [];
  let k = 0;
  for (let i = 0; i < values.length && columns[i] < sheetWidth; i++) {
    while (k < kept.length && kept[k] < columns[i]) {
      fields.push('');
      k++;
    }
    if (kept[k] === columns[i]) {
      fields.push(values[i]);
      k++;
    } else unheaded.seeCell(columns[i], values[i]);
  }
  return fields;
}

/**
 * A row's fields beyond the header's columns, as the row would have them written out: with `all`, up to its
 * last cell, empty or not (as a text file's trailing separators); else, when the header has columns without a
 * heading, up to its last cell that holds something (`keptFields`). `width`: the header's columns kept.
 * Undefined when none of them holds a text.
 */
function beyondHeader(row: SheetRow, sheetWidth: number, width: number, all: boolean): Beyond | undefined {
  const { columns, values } = cellsFrom(row, sheetWidth);
  let end = values.length;
  if (!all) while (end > 0 && values[end - 1].trim() === '') end--;
  const positions: number[] = [];
  const texts: string[] = [];
  for (let i = 0; i < end; i++) {
    if (values[i] === '') continue;
    positions.push(width + columns[i] - sheetWidth);
    texts.push(values[i]);
  }
  return texts.length === 0 ? undefined : { count: width + columns[end - 1] + 1 - sheetWidth, positions, texts };
}

/** Opens the inspected sheet: its first non-empty row is the header, the rows after it arrive in batches as the sheet unpacks. */
export async function openWorkbook(inspected: Inspected, layout: WorkbookLayout): Promise<Table> {
  const { named } = inspected;
  const name = `${named.file}[${storedSheetName(layout.sheet)}]`;
  const { bytes, parts, plan } = await readWorkbook(named);
  const sheetPart = plan === undefined ? undefined : partNamed(parts, plan.sheets.get(layout.sheet) ?? '');
  if (plan === undefined || sheetPart === undefined) throw new InputError('input.bad_workbook', { reason: phrase('xlsx.part_missing') }, { location: { file: name } });
  const data = partData(bytes, sheetPart);
  if ((sheetPart.method !== 0 && sheetPart.method !== 8) || data === undefined) throw new InputError('input.bad_workbook', { reason: phrase('xlsx.damaged') }, { location: { file: name } });
  const { texts: shared, forbidden } = await readSharedTexts(named, bytes, parts, plan);
  const stylesText = plan.styles === undefined ? undefined : smallPart(bytes, parts, plan.styles);
  // every other part unpacks and matches its CRC-32; the sheet is checked as it is read, in the same pass
  let damage: WorkbookDamage | undefined;
  try {
    damage = await checkWorkbook(bytes, parts, plan, layout.sheet, shared.length, new Set([sheetPart.name, plan.sharedStrings ?? '']));
  } catch (error) {
    throw workbookError({ ...named, file: name }, error);
  }
  if (damage) throw new InputError('input.bad_workbook', { reason: damage.reason }, { location: { file: name, line: damage.row } });
  const cells = new SheetCells(shared.length, { shared, forbidden, formats: cellFormats(stylesText), date1904: plan.date1904 }, sheetPart.name);
  const source = sheetPart.method === 0 ? Readable.from([data]) : Readable.from([data]).pipe(createInflateRaw());
  const chunks = (source as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const decoder = new StringDecoder('utf8');
  let crc = 0;
  let size = 0;
  let ended = false;
  let taken = 0;
  const close = () => {
    ended = true;
    source.destroy();
  };
  /** The sheet's next row, or undefined at its end; damage and a CRC-32 that does not match are refused where they are found. */
  const next = async (): Promise<SheetRow | undefined> => {
    while (taken >= cells.rows.length) {
      cells.rows = [];
      taken = 0;
      if (ended) return undefined;
      let step: IteratorResult<Buffer>;
      try {
        step = await chunks.next();
      } catch (error) {
        close();
        throw workbookError({ ...named, file: name }, error);
      }
      if (step.done) {
        ended = true;
        cells.feed(decoder.end(), true);
        if (!cells.damage && crc !== sheetPart.crc) throw new InputError('input.bad_workbook', { reason: phrase('xlsx.damaged') }, { location: { file: name } });
      } else {
        size += step.value.length;
        if (passesDeclaredSize(sheetPart, size)) {
          close();
          throw new InputError('input.bad_workbook', { reason: longerThanDeclared(sheetPart) }, { location: { file: name } });
        }
        crc = crc32(step.value, crc);
        cells.feed(decoder.write(step.value), false);
      }
      if (cells.damage) {
        close();
        throw new InputError('input.bad_workbook', { reason: cells.damage.reason }, { location: { file: name, line: cells.damage.row } });
      }
    }
    return cells.rows[taken++];
  };

  let header: string[] | null = null;
  let headerLine = 0;
  while (header === null) {
    const row = await next();
    if (row === undefined) break;
    if (row.values.some((cell) => cell.trim() !== '')) {
      headerLine = row.index + 1;
      const cells = cellsOf(row, Number.POSITIVE_INFINITY);
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
  const kept = headedColumns(header);
  const sheetWidth = header.length;
  const unheaded = new UnheadedColumns(unheadedOf(sheetWidth, kept));
  if (kept !== undefined) header = kept.map((index) => header?.[index] ?? '');
  const columnLabel = kept === undefined ? columnLetter : (index: number) => columnLetter(index < kept.length ? kept[index] : sheetWidth + index - kept.length);
  const width = header.length;
  let blank = 0;
  let previous = headerLine;

  async function* rows(): AsyncGenerator<SourceRow[]> {
    try {
      let batch: SourceRow[] = [];
      for (;;) {
        const row = await next();
        if (row === undefined) break;
        const line = row.index + 1;
        blank += Math.max(0, line - previous - 1); // rows a sheet leaves out are empty rows
        previous = line;
        // cells beyond the header's columns are told apart, never as a field for each column up to them
        const wide = row.columns !== undefined || row.values.length > sheetWidth;
        let fields: string[];
        if (kept !== undefined && row.columns !== undefined) fields = headedCells(row, kept, sheetWidth, unheaded);
        else {
          const values = wide ? cellsOf(row, sheetWidth) : row.values;
          if (kept !== undefined) unheaded.see(values);
          fields = kept === undefined ? values : keptFields(values, kept, sheetWidth);
        }
        const beyond = wide ? beyondHeader(row, sheetWidth, width, kept === undefined) : undefined;
        if (!fields.some(holdsText) && !beyond?.texts.some(holdsText)) {
          blank++;
          continue;
        }
        checkRowLength(fields, name, line, columnLabel, beyond);
        while (fields.length < width) fields.push('');
        batch.push(beyond === undefined ? { line, fields } : { line, fields, beyond });
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

  return { name, detected: layout, header, headerLine, rows: rows(), blankRows: () => blank, columnLabel, done: () => null, close, unheaded: () => unheaded.columns().map(columnLetter) };
}
