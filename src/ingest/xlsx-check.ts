// A workbook checked before its rows are read, so that damage is an error and never a missing answer: every
// part unpacks and matches the CRC-32 its directory declares (the ZIP format, APPNOTE 4.4.7; the streaming
// reader does not check it, so a changed byte in a sheet was imported as if it were the answer), and every cell
// of the sheet read is one the reader can resolve (ECMA-376 Part 1, 18.3.1.4 `c` and 18.3.1.73 `row`): a
// reference inside the sheet's bounds, in order, a shared text that exists, a formula with its saved result.
// Cells that fail these were read as empty by the reader, without a word (adversarial run r11, findings 3, 4).
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { crc32, createInflateRaw, inflateRawSync } from 'node:zlib';
import { phrase, type Phrase } from '../i18n/index.js';
import { partDataStart, type ZipPart } from '../zip-directory.js';

/** What is wrong with a workbook: why, and the cell (`F2`) when one cell is the cause. */
export interface WorkbookDamage {
  reason: Phrase;
  /** The 1-based row of the cell, for the message's location. */
  row?: number;
}

/** Excel's bounds (ECMA-376 Part 1, 18.3.1.4): 1,048,576 rows, 16,384 columns (A to XFD). */
const MAX_ROW = 1_048_576;
const MAX_COLUMN = 16_384;
/** The workbook's small parts (its list of sheets and their relations) are unpacked whole, up to this size. */
const SMALL_PART = 16 * 1024 * 1024;

/** A column's letter as Excel shows it: 0 -> A, 26 -> AA. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** The bytes of a part's data as stored (packed or not), or undefined when its local header is not there. */
export function partData(bytes: Buffer, part: ZipPart): Buffer | undefined {
  const start = partDataStart(part, bytes.subarray(part.local, part.local + 30));
  return start === undefined ? undefined : bytes.subarray(start, Math.min(bytes.length, start + part.packed));
}

/**
 * Streams a part's unpacked bytes to `take`; returns its CRC-32, or throws what the unpacking (or `take`) threw.
 * `take` returns false to stop early (the CRC-32 returned is then of the bytes read so far).
 */
export async function unpack(data: Buffer, method: number, take: (chunk: Buffer) => boolean | undefined): Promise<number> {
  const source = method === 0 ? Readable.from([data]) : Readable.from([data]).pipe(createInflateRaw());
  let crc = 0;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      crc = crc32(chunk, crc);
      if (take(chunk) === false) break;
    }
  } finally {
    source.destroy();
  }
  return crc;
}

/** A part unpacked whole as text (the workbook's list of sheets, its relations); undefined when it cannot be. */
function smallPart(bytes: Buffer, parts: readonly ZipPart[], name: string): string | undefined {
  const part = parts.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
  const data = part && partData(bytes, part);
  if (!part || !data || part.unpacked > SMALL_PART) return undefined;
  try {
    return (part.method === 0 ? data : inflateRawSync(data, { maxOutputLength: SMALL_PART })).toString('utf8');
  } catch {
    return undefined;
  }
}

/** The patterns that find an attribute by name, made once per name: a sheet's cells ask for `r` and `t` millions of times. */
const ATTRIBUTES = new Map<string, RegExp>();

const attribute = (tag: string, name: string): string | undefined => {
  let pattern = ATTRIBUTES.get(name);
  if (pattern === undefined) {
    pattern = new RegExp(`\\s(?:[\\w.-]+:)?${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    ATTRIBUTES.set(name, pattern);
  }
  const match = pattern.exec(tag);
  return match ? (match[1] ?? match[2]) : undefined;
};

const xmlText = (text: string): string =>
  text.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-f]+|#\d+);/gi, (_, entity: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
    if (entity.toLowerCase() in named) return named[entity.toLowerCase()];
    const code = entity[1].toLowerCase() === 'x' ? Number.parseInt(entity.slice(2), 16) : Number(entity.slice(1));
    return code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });

/**
 * The part that holds the sheet named `sheet` (`xl/worksheets/sheet1.xml`), through the workbook's list of sheets
 * and its relations; undefined when they do not say (then every sheet is checked).
 */
function sheetPart(bytes: Buffer, parts: readonly ZipPart[], sheet: string): string | undefined {
  const workbook = smallPart(bytes, parts, 'xl/workbook.xml');
  const relations = smallPart(bytes, parts, 'xl/_rels/workbook.xml.rels');
  if (workbook === undefined || relations === undefined) return undefined;
  const tag = [...workbook.matchAll(/<(?:[\w.-]+:)?sheet\s[^>]*>/g)].map((match) => match[0]).find((found) => xmlText(attribute(found, 'name') ?? '') === sheet);
  const id = tag && /\s[\w.-]+:id\s*=\s*["']([^"']*)["']/.exec(tag)?.[1];
  if (!id) return undefined;
  const relation = [...relations.matchAll(/<(?:[\w.-]+:)?Relationship\s[^>]*>/g)].map((match) => match[0]).find((found) => attribute(found, 'Id') === id);
  const target = relation && attribute(relation, 'Target');
  if (!target) return undefined;
  const path = xmlText(target).startsWith('/') ? xmlText(target).slice(1) : `xl/${xmlText(target)}`;
  // `xl/./worksheets/../worksheets/sheet1.xml` as the directory names it
  const resolved: string[] = [];
  for (const step of path.split('/')) {
    if (step === '..') resolved.pop();
    else if (step !== '.' && step !== '') resolved.push(step);
  }
  return resolved.join('/');
}

/**
 * A cell reference's column (1-based) and row; `outside` for one beyond the sheet's bounds (`XFE1`,
 * `A1048577`), undefined when it is not a reference at all (`E0`, `2`, `E-1`).
 */
function reference(ref: string): { column: number; row: number } | 'outside' | undefined {
  // read character by character: a sheet has millions of cells, and a pattern here took a fifth of the check
  let at = 0;
  let column = 0;
  for (let code = ref.charCodeAt(0); code >= 65 && code <= 90; code = ref.charCodeAt(++at)) column = column * 26 + (code - 64);
  const letters = at;
  let row = 0;
  for (let code = ref.charCodeAt(at); code >= 48 && code <= 57; code = ref.charCodeAt(++at)) row = row * 10 + (code - 48);
  if (letters === 0 || at === letters || at !== ref.length || ref.charCodeAt(letters) === 48) return undefined;
  if (letters > 3 || at - letters > 7) return 'outside';
  return column <= MAX_COLUMN && row <= MAX_ROW ? { column, row } : 'outside';
}

/** A cell's reference (`r`) or type (`t`), in either quotes, with or without a namespace prefix. */
const CELL_ATTRIBUTES = /(?:^|\s)(?:[\w.-]+:)?([rt])\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
/** A cell's value, and the start of its formula. */
const VALUE = /<(?:[\w.-]+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?v>/;
const FORMULA = /<(?:[\w.-]+:)?f[\s>/]/;
/** Text kept from one chunk to the next: an unfinished cell. Longer, and the row's own limit refuses it later. */
const LONGEST_CARRIED = 64 * 1024 * 1024;

/** A character of an XML name as sheets write them: letters, digits, `_`, `.`, `-` and the prefix's `:`. */
function nameCharacter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 58) || code === 95 || code === 46 || code === 45;
}

/** The checks of one sheet's cells, fed its XML chunk by chunk. */
class SheetCells {
  private tail = '';
  private row = 0;
  private column = 0;
  damage: WorkbookDamage | undefined;

  constructor(private readonly sharedTexts: number | undefined) {}

  feed(text: string, last: boolean): void {
    if (this.damage) return;
    const source = this.tail + text;
    this.tail = '';
    // tag by tag with indexOf, not a pattern: a sheet has millions of cells, and this pass adds to every import
    let at = source.indexOf('<');
    while (at >= 0) {
      let end = at + 1;
      let colon = -1;
      for (let code = source.charCodeAt(end); nameCharacter(code); code = source.charCodeAt(++end)) if (code === 58) colon = end;
      if (end === source.length) break; // a name cut by the chunk's end
      const start = colon < 0 ? at + 1 : colon + 1;
      const isCell = end - start === 1 && source.charCodeAt(start) === 99;
      if (isCell || (end - start === 3 && source.startsWith('row', start))) {
        const close = source.indexOf('>', end);
        if (close < 0) break;
        if (!isCell) {
          this.damage = this.startRow(source.slice(end, close));
          end = close + 1;
        } else if (source.charCodeAt(close - 1) === 47) {
          this.damage = this.cell(source.slice(end, close - 1), undefined);
          end = close + 1;
        } else {
          const closing = colon < 0 ? '</c>' : `</${source.slice(at + 1, end)}>`;
          const finish = source.indexOf(closing, close + 1);
          if (finish < 0) break; // a cell whose end is in a later chunk: carried, and read whole with it
          this.damage = this.cell(source.slice(end, close), source.slice(close + 1, finish));
          end = finish + closing.length;
        }
        if (this.damage) return;
      }
      at = source.indexOf('<', end);
    }
    if (last || at < 0 || source.length - at > LONGEST_CARRIED) return;
    this.tail = source.slice(at);
  }

  private startRow(attributes: string): WorkbookDamage | undefined {
    const r = attribute(` ${attributes}`, 'r');
    const row = r === undefined ? this.row + 1 : /^[1-9]\d{0,6}$/.test(r) ? Number(r) : Number.NaN;
    if (!(row <= MAX_ROW)) return { reason: phrase('xlsx.cell_outside') };
    // rows come in order (18.3.1.73): one numbered again or back would be read over another
    if (row <= this.row) return { reason: phrase('xlsx.damaged'), row };
    this.row = row;
    this.column = 0;
    return undefined;
  }

  private cell(attributes: string, content: string | undefined): WorkbookDamage | undefined {
    let r: string | undefined;
    let type: string | undefined;
    // the way every writer puts it, ` r="F2" s="1"`, read without a pattern: a sheet has millions of cells
    const quote = attributes.startsWith(' r="') ? attributes.indexOf('"', 4) : -1;
    if (quote > 0 && !attributes.includes('t')) r = attributes.slice(4, quote);
    else {
      CELL_ATTRIBUTES.lastIndex = 0;
      for (let found = CELL_ATTRIBUTES.exec(attributes); found !== null; found = CELL_ATTRIBUTES.exec(attributes)) {
        if (found[1] === 'r') r ??= found[2] ?? found[3];
        else type ??= found[2] ?? found[3];
      }
    }
    const at = r === undefined ? { column: this.column + 1, row: this.row } : reference(r);
    const cell = r ?? `${columnLetter(this.column)}${this.row}`;
    if (at === 'outside') return { reason: phrase('xlsx.cell_outside') };
    if (at === undefined || at.row !== this.row || at.column <= this.column) return { reason: phrase('xlsx.cell_reference', { cell: cell.slice(0, 20) }), row: this.row };
    this.column = at.column;
    if (content === undefined) return type === 's' ? { reason: phrase('xlsx.cell_no_text', { cell }), row: this.row } : undefined;
    if (type === 's') {
      const index = VALUE.exec(content)?.[1].trim();
      if (index === undefined || !/^\d{1,10}$/.test(index) || (this.sharedTexts !== undefined && Number(index) >= this.sharedTexts)) {
        return { reason: phrase('xlsx.cell_no_text', { cell }), row: this.row };
      }
    } else if (content.includes('f') && FORMULA.test(content) && !VALUE.test(content)) {
      return { reason: phrase('xlsx.cell_no_result', { cell }), row: this.row };
    }
    return undefined;
  }
}

/**
 * Checks every part of the workbook (unpacks, CRC-32) and the cells of the sheet read (`sheet`, by name), with
 * `sharedTexts` entries in its table of shared texts (undefined: not counted). Returns the first damage found,
 * or undefined; a part that does not unpack throws as the unpacking did (the caller names the reason).
 */
export async function checkWorkbook(bytes: Buffer, parts: readonly ZipPart[], sheet: string, sharedTexts: number | undefined): Promise<WorkbookDamage | undefined> {
  const cellsOf = sheetPart(bytes, parts, sheet)?.toLowerCase();
  for (const part of parts) {
    // a part of another method, or of 4 GiB or more (ZIP64: its sizes are elsewhere), is left to the reader
    if ((part.method !== 0 && part.method !== 8) || part.packed === 0xffffffff || part.unpacked === 0xffffffff) continue;
    const data = partData(bytes, part);
    if (data === undefined) return { reason: phrase('xlsx.damaged') };
    const name = part.name.toLowerCase();
    const cells = (cellsOf === undefined ? /^xl\/worksheets\/[^/]+\.xml$/.test(name) : name === cellsOf) ? new SheetCells(sharedTexts) : undefined;
    const text = new StringDecoder('utf8');
    const crc = await unpack(data, part.method, (chunk) => {
      cells?.feed(text.write(chunk), false);
      return undefined;
    });
    cells?.feed(text.end(), true);
    if (crc !== part.crc) return { reason: phrase('xlsx.damaged') };
    if (cells?.damage) return cells.damage;
  }
  return undefined;
}
