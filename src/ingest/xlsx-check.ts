// A workbook checked as its rows are read, so that damage is an error and never a missing answer: every part
// unpacks and matches the CRC-32 its directory declares (the ZIP format, APPNOTE 4.4.7; a changed byte in a
// sheet was once imported as if it were the answer), and every cell of the sheet read is one that resolves
// (ECMA-376 Part 1, 18.3.1.4 `c` and 18.3.1.73 `row`): a reference inside the sheet's bounds, in order, a
// shared text that exists, a formula with its saved result, a number written as a number. Cells that fail these
// were read as empty, without a word (adversarial run r11, findings 3, 4). The rows are read by the same scan
// that checks them (SheetCells), so the check and the reader cannot disagree on what a sheet says (adversarial
// run r12): parts through their relationships, XML comments and CDATA sections passed over, ZIP64 sizes read.
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { crc32, createInflateRaw, inflateRawSync } from 'node:zlib';
import { phrase, type Phrase } from '../i18n/index.js';
import { shownName } from '../shown-name.js';
import { partDataStart, type ZipPart } from '../zip-directory.js';

/** What is wrong with a workbook: why, and the cell (`F2`) when one cell is the cause. */
export interface WorkbookDamage {
  reason: Phrase;
  /** The 1-based row of the cell, for the message's location. */
  row?: number;
}

/** Excel's bounds (ECMA-376 Part 1, 18.3.1.4): 1,048,576 rows, 16,384 columns (A to XFD). */
const MAX_ROW = 1_048_576;
export const MAX_COLUMN = 16_384;
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
 * Whether `size` unpacked bytes of `part` pass the size its directory entry declares (unless ZIP64 left that
 * unknown, 0xFFFFFFFF): the data and the directory disagree, which ZIP takes for damage (APPNOTE 4.4.9), and a
 * part that declares 50 kB and inflates to gigabytes passes the packing check, which reads declared sizes only
 * (adversarial run r20, F4). Reading stops there, the CRC-32 never reached.
 */
export function passesDeclaredSize(part: ZipPart, size: number): boolean {
  return part.unpacked !== 0xffffffff && size > part.unpacked;
}

/** The damage of a part that unpacks to more than its directory entry declares (passesDeclaredSize). */
export function longerThanDeclared(part: ZipPart): Phrase {
  return phrase('xlsx.part_longer', { part: shownName(part.name) });
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
export function smallPart(bytes: Buffer, parts: readonly ZipPart[], name: string): string | undefined {
  const part = partNamed(parts, name);
  const data = part && partData(bytes, part);
  if (!part || !data || part.unpacked > SMALL_PART) return undefined;
  try {
    return (part.method === 0 ? data : inflateRawSync(data, { maxOutputLength: SMALL_PART })).toString('utf8');
  } catch {
    return undefined;
  }
}

/** A character reference in a cell's text to a character XML 1.0 does not allow (see `allowedInXml`). */
export class ForbiddenCharacter extends Error {}

/** An entity XML does not define (`&nbsp;`): a part that uses one is not well-formed XML (a DTD is not allowed in OOXML parts). */
export class UndefinedEntity extends Error {}

/** The reason a part with an entity XML does not define is damaged, naming the part. */
export function undefinedEntityIn(part: string): Phrase {
  return phrase('xlsx.part_entity', { part: shownName(part) });
}

/** Whether XML 1.0 allows a character (2.2 Char): never a control character but tab, line feed and carriage return, a surrogate, U+FFFE or U+FFFF. */
const allowedInXml = (code: number): boolean =>
  code >= 0x20 ? code <= 0xd7ff || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff) : code === 9 || code === 10 || code === 13;

/**
 * Text with its entities and character references read. `strict` (a cell's text): a reference to a character XML
 * does not allow (`&#0;`, read before as the control character itself) throws ForbiddenCharacter, as a NUL byte
 * in a CSV file is refused; otherwise (names, relations) such a reference reads as its character, or as nothing.
 */
const xmlText = (text: string, strict = false): string =>
  text.indexOf('&') < 0
    ? text
    : text.replace(/&(#x[0-9a-f]+|#\d+|[^\s&;<>"'#][^\s&;<>"']*);/gi, (reference: string, entity: string) => {
        const named: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
        if (entity.toLowerCase() in named) return named[entity.toLowerCase()];
        // XML defines these five only (an HTML `&nbsp;` is none of them): a cell's text with another is damage
        if (!entity.startsWith('#')) {
          if (strict) throw new UndefinedEntity();
          return reference;
        }
        const code = entity[1].toLowerCase() === 'x' ? Number.parseInt(entity.slice(2), 16) : Number(entity.slice(1));
        if (strict && !allowedInXml(code)) throw new ForbiddenCharacter();
        return code <= 0x10ffff ? String.fromCodePoint(code) : '';
      });

/** An attribute as the reader takes one: any name up to `=`, its value in either quotes. */
const ATTRIBUTE = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * A tag's attributes as the reader takes them (the last of a name wins, `x:r` is not `r`), and whether one is
 * given twice: that is not XML (XML 1.0, 3.1), and the reader's choice of the last would differ from another's.
 */
function attributesOf(text: string): { values: Map<string, string>; twice: boolean } {
  const values = new Map<string, string>();
  let twice = false;
  ATTRIBUTE.lastIndex = 0;
  for (let found = ATTRIBUTE.exec(text); found !== null; found = ATTRIBUTE.exec(text)) {
    if (values.has(found[1])) twice = true;
    values.set(found[1], found[2] ?? found[3]);
  }
  return { values, twice };
}

/**
 * Where markup the reader passes over ends (a comment, a CDATA section, a processing instruction, a declaration)
 * that starts at `at` with `<!` or `<?`: the index after it, or -1 when its end is not in `source` (yet).
 */
function markupEnd(source: string, at: number): number {
  const closing = markupClosing(source, at);
  const end = source.indexOf(closing, at + (closing === '-->' ? 4 : closing === ']]>' ? 9 : 2));
  return end < 0 ? -1 : end + closing.length;
}

/** What ends the markup at `at` (`-->` a comment, `]]>` a CDATA section, `?>` an instruction, `>` a declaration). */
function markupClosing(source: string, at: number): string {
  if (source.charCodeAt(at + 1) === 63) return '?>';
  return source.startsWith('<!--', at) ? '-->' : source.startsWith('<![CDATA[', at) ? ']]>' : '>';
}

/** An opening tag longer than this, still open at a chunk's end, is followed without being carried. */
const LONG_TAG = 64 * 1024;

/**
 * The index of the `>` that ends the opening tag whose name starts at `from`, quotes respected; when it is not
 * in `source`, -1 minus the char code of the quote still open at its end (-1: none). A number, not an object:
 * this runs for every cell of a sheet.
 */
function scanTag(source: string, from: number): number {
  let quote = 0;
  for (let at = from; at < source.length; at++) {
    const code = source.charCodeAt(at);
    if (quote !== 0) {
      if (code === quote) quote = 0;
    } else if (code === 34 || code === 39) quote = code;
    else if (code === 62) return at;
  }
  return -1 - quote;
}

/** The index of the `>` that ends the opening tag whose name starts at `from`, quotes respected; -1 when not in `source`. */
function tagEnd(source: string, from: number): number {
  return Math.max(scanTag(source, from), -1);
}

/** The quote (its char code; 0 for none) still open at the end of `source`, in a tag whose name starts at `from`. */
function openQuote(source: string, from: number): number {
  return Math.max(-1 - scanTag(source, from), 0);
}

/** Whether the tag whose name runs from `from` (to white space or `end`) has the local name `local` (`si`, `x:si`). */
export function tagIs(source: string, from: number, end: number, local: string): boolean {
  let stop = from;
  let start = from;
  for (let code = source.charCodeAt(stop); stop < end && code !== 32 && code !== 9 && code !== 10 && code !== 13; code = source.charCodeAt(++stop)) {
    if (code === 58 && start === from) start = stop + 1;
  }
  return stop - start === local.length && source.startsWith(local, start);
}

/**
 * The elements of an XML part fed chunk by chunk, as a reader that builds its tree sees them: each opening tag
 * with its depth (1 for the root's children), none inside a comment or a CDATA section (ECMA-376's readers,
 * hucre's among them, skip those). `open` is given the tag's text, its name first, without `<` and `>`.
 */
export class XmlElements {
  private depth = 0;
  private tail = '';
  /** The end of a comment or CDATA section that a chunk left open, skipped before the next chunk is read. */
  private until: string | undefined;
  /**
   * An opening tag longer than LONG_TAG that a chunk left open, not carried whole: its name (all `open` is then
   * given), the quote its attributes are in (0: none) and its last character so far.
   */
  private pending: { name: string; quote: number; last: number } | undefined;

  constructor(private readonly open: (depth: number, source: string, from: number, end: number) => void) {}

  feed(text: string): void {
    const source = this.tail + text;
    this.tail = '';
    let at = 0;
    if (this.pending !== undefined) {
      const pending = this.pending;
      let end = -1;
      for (let i = 0; i < source.length && end < 0; i++) {
        const code = source.charCodeAt(i);
        if (pending.quote !== 0) {
          if (code === pending.quote) pending.quote = 0;
        } else if (code === 34 || code === 39) pending.quote = code;
        else if (code === 62) end = i;
      }
      if (end < 0) {
        if (source.length > 0) pending.last = source.charCodeAt(source.length - 1);
        return;
      }
      const selfClosing = (end > 0 ? source.charCodeAt(end - 1) : pending.last) === 47;
      this.open(this.depth, pending.name, 0, pending.name.length);
      if (!selfClosing) this.depth++;
      this.pending = undefined;
      at = end + 1;
    } else if (this.until !== undefined) {
      const end = source.indexOf(this.until);
      if (end < 0) {
        this.tail = source.slice(Math.max(0, source.length - this.until.length + 1));
        return;
      }
      at = end + this.until.length;
      this.until = undefined;
    }
    for (at = source.indexOf('<', at); at >= 0; at = source.indexOf('<', at)) {
      const next = source.charCodeAt(at + 1);
      if (Number.isNaN(next)) break;
      if (next === 33 || next === 63) {
        if (source.length - at < 9) break; // `<![CDATA[` may be cut by the chunk's end
        const end = markupEnd(source, at);
        if (end < 0) {
          // a long comment is not carried whole: only its end is looked for in the chunks after it
          this.until = markupClosing(source, at);
          this.tail = source.slice(Math.max(at + 2, source.length - this.until.length + 1));
          return;
        }
        at = end;
      } else if (next === 47) {
        const end = source.indexOf('>', at + 2);
        if (end < 0) break;
        this.depth--;
        at = end + 1;
      } else {
        const end = tagEnd(source, at + 1);
        if (end < 0 && source.length - at > LONG_TAG) {
          // carried whole, a tag of megabytes would be searched again with every chunk
          let name = at + 1;
          for (let code = source.charCodeAt(name); name - at < 256 && code !== 32 && code !== 9 && code !== 10 && code !== 13 && code !== 47; code = source.charCodeAt(++name));
          this.pending = { name: source.slice(at + 1, name), quote: openQuote(source, name), last: source.charCodeAt(source.length - 1) };
          return;
        }
        if (end < 0) break;
        const selfClosing = source.charCodeAt(end - 1) === 47;
        this.open(this.depth, source, at + 1, selfClosing ? end - 1 : end);
        if (!selfClosing) this.depth++;
        at = end + 1;
      }
    }
    if (at >= 0) this.tail = source.slice(at);
  }
}

/** A relationship of a part (ECMA-376 Part 2, 9.3), as the reader takes one: all three attributes present. */
interface Relation {
  id: string;
  type: string;
  target: string;
}

function relationsOf(xml: string): Relation[] {
  const found: Relation[] = [];
  new XmlElements((depth, source, from, end) => {
    if (depth !== 1 || !tagIs(source, from, end, 'Relationship')) return;
    const { values } = attributesOf(source.slice(from, end));
    const [id, type, target] = ['Id', 'Type', 'Target'].map((name) => xmlText(values.get(name) ?? ''));
    if (id && type && target) found.push({ id, type, target });
  }).feed(xml);
  return found;
}

/** A relationship's type by its last step (`…/officeDocument`), in the transitional and the strict namespace alike. */
const isType = (relation: Relation, type: string): boolean => relation.type.endsWith(`/${type}`);

/** A target relative to the folder `base`, as the reader resolves it (`/xl/a.xml` from the package's root). */
function resolvePath(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const steps = base.split('/').filter(Boolean);
  for (const step of target.split('/').filter(Boolean)) {
    if (step === '..') steps.pop();
    else if (step !== '.') steps.push(step);
  }
  return steps.join('/');
}

/** The parts the reader reads, found as it finds them; a sheet by its name, the first of a name. */
export interface WorkbookPlan {
  sheets: Map<string, string | undefined>;
  /** The table of shared texts, when the workbook's relations name one. */
  sharedStrings: string | undefined;
  /** The part of cell styles (number formats), when the workbook's relations name one. */
  styles: string | undefined;
  /** Whether dates count from 1904 (`<workbookPr date1904="1"/>`, ECMA-376 Part 1, 18.2.28). */
  date1904: boolean;
}

/**
 * The parts of a workbook as the reader finds them (ECMA-376 Part 2, 9.3 relationships, the way hucre's
 * streamXlsxRows reads them): the package's `_rels/.rels` names the workbook (`xl/workbook.xml`, or any other
 * name), the workbook's relations (`xl/_rels/workbook.xml.rels`) its sheets and its table of shared texts,
 * relative to the workbook's folder. Undefined when the package does not say: the reader refuses it then.
 */
export function workbookPlan(bytes: Buffer, parts: readonly ZipPart[]): WorkbookPlan | undefined {
  const root = smallPart(bytes, parts, '_rels/.rels');
  const main = root === undefined ? undefined : relationsOf(root).find((relation) => isType(relation, 'officeDocument'));
  if (main === undefined) return undefined;
  const workbook = main.target.startsWith('/') ? main.target.slice(1) : main.target;
  const folder = workbook.includes('/') ? workbook.slice(0, workbook.lastIndexOf('/')) : '';
  const book = smallPart(bytes, parts, workbook);
  if (book === undefined) return undefined;
  const relationsText = smallPart(bytes, parts, folder ? `${folder}/_rels/${workbook.slice(folder.length + 1)}.rels` : `_rels/${workbook}.rels`);
  const relations = relationsText === undefined ? [] : relationsOf(relationsText);
  const targets = new Map<string, string>();
  for (const relation of relations) if (isType(relation, 'worksheet')) targets.set(relation.id, resolvePath(folder, relation.target));
  const sheets = new Map<string, string | undefined>();
  let parent = '';
  let date1904 = false;
  new XmlElements((depth, source, from, end) => {
    if (depth === 1) parent = tagIs(source, from, end, 'sheets') ? 'sheets' : '';
    if (depth === 1 && tagIs(source, from, end, 'workbookPr')) date1904 = ['1', 'true'].includes(attributesOf(source.slice(from, end)).values.get('date1904') ?? '');
    if (depth !== 2 || parent !== 'sheets' || !tagIs(source, from, end, 'sheet')) return;
    const { values } = attributesOf(source.slice(from, end));
    const name = xmlText(values.get('name') ?? '');
    const id = xmlText(values.get('r:id') ?? values.get('R:id') ?? [...values].find(([key, value]) => key.endsWith(':id') && value.startsWith('rId'))?.[1] ?? '');
    // the first sheet of a name is the one read; a sheet whose relation is missing is refused by the reader
    if (name && id && !sheets.has(name)) sheets.set(name, targets.get(id));
  }).feed(book);
  const shared = relations.find((relation) => isType(relation, 'sharedStrings'));
  const styles = relations.find((relation) => isType(relation, 'styles'));
  return { sheets, sharedStrings: shared && resolvePath(folder, shared.target), styles: styles && resolvePath(folder, styles.target), date1904 };
}

/** The part named `name` exactly, the last of that name, as the reader's table of parts keeps it. */
export function partNamed(parts: readonly ZipPart[], name: string): ZipPart | undefined {
  return parts.findLast((part) => part.name === name);
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

/**
 * Text kept from one chunk to the next: an unfinished cell. A cell longer than this as written is refused: its
 * text could not fit the 1 MB a row may hold (Excel itself keeps at most 32,767 characters in a cell), and a
 * cell of 70 MB was dropped as if empty, after minutes of searching its end again with every chunk (r14).
 */
export const LONGEST_CARRIED = 16 * 1024 * 1024;
/**
 * The longest element name, and the longest start tag of a row or cell, a sheet may hold: SpreadsheetML's names
 * are a few letters (`c`, `row`, `x:sheetData`) and a cell's tag a few attributes. One cut by a chunk's end was
 * searched again from its start with every chunk: a 40 kB workbook of eight 5 MB names took 80 s (adversarial
 * run r30, A1). Longer is damage, said at once.
 */
const LONGEST_NAME = 1024;
const LONGEST_TAG = 64 * 1024;
/** The start of a cell (`<c r="F2" …`, `<x:c>`), its reference when it gives one. */
const CELL_START = /^<(?:[\w.-]+:)?c(?=[\s/>])(?:[^>]*?\sr\s*=\s*["']([A-Z]{1,3}[0-9]{1,7})["'])?/;

/** A character of an XML name as sheets write them: letters, digits, `_`, `.`, `-` and the prefix's `:`. */
function nameCharacter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 58) || code === 95 || code === 46 || code === 45;
}

/**
 * A row of a sheet as read: its 0-based index and its cells' texts from column A, a short run of columns without
 * a cell read as empty cells. After a longer run, `columns` gives each text's column (0-based): a cell at XFD is
 * one cell, not 16,384 (adversarial run r18, F5); `cellsOf` reads the row either way.
 */
export interface SheetRow {
  index: number;
  values: string[];
  /** Each text's column (0-based), when the row skips more than GAP_FILLED columns somewhere; else its position. */
  columns?: number[];
}

/** Columns without a cell that a row fills with empty texts (8 bytes each); a longer run is skipped over. */
const GAP_FILLED = 16;

/** A row's cells up to (not including) column `width`, each in its place, empty texts between. */
export function cellsOf(row: SheetRow, width: number): string[] {
  const { values, columns } = row;
  if (columns === undefined) return values.length <= width ? values : values.slice(0, width);
  const cells: string[] = [];
  for (let i = 0; i < values.length && columns[i] < width; i++) {
    while (cells.length < columns[i]) cells.push('');
    cells.push(values[i]);
  }
  return cells;
}

/** A row's cells from column `from` (0-based) on, with their columns: none when it holds none there. */
export function cellsFrom(row: SheetRow, from: number): { columns: number[]; values: string[] } {
  const { values, columns } = row;
  if (columns === undefined) return { columns: values.slice(from).map((_, i) => from + i), values: values.slice(from) };
  const start = columns.findIndex((column) => column >= from);
  return start < 0 ? { columns: [], values: [] } : { columns: columns.slice(start), values: values.slice(start) };
}

/**
 * The checks of one sheet's cells, fed its XML chunk by chunk; with `reading`, the rows too, each cell as the
 * text a CSV export of it holds, in `rows` as each row ends (a row ends where the next starts, or at the end).
 */
export class SheetCells {
  private tail = '';
  /** The end of a comment or CDATA section that a chunk left open, skipped before the next chunk is read. */
  private until: string | undefined;
  private row = 0;
  private column = 0;
  damage: WorkbookDamage | undefined;
  /** The rows read and not yet taken. */
  rows: SheetRow[] = [];
  private current: SheetRow | undefined;

  constructor(
    private readonly sharedTexts: number | undefined,
    private readonly reading?: CellReading,
    /** the sheet's part (`xl/worksheets/sheet1.xml`), named when its XML is damaged */
    private readonly part = '',
  ) {}

  private endRow(): void {
    if (this.current !== undefined) this.rows.push(this.current);
    this.current = undefined;
  }

  feed(text: string, last: boolean): void {
    if (this.damage) return;
    this.read(text, last);
    // a sheet whose XML stops before its root element ends (no `</worksheet>`) was cut short: its last rows are
    // missing, and a row cut mid-cell too; it was read up to there and imported with exit 0 (adversarial run r33, A1)
    if (last && !this.damage && !this.rootEnded) this.damage = { reason: phrase('xlsx.sheet_cut'), row: this.row > 0 ? this.row : undefined };
    if (last && !this.damage) this.endRow();
  }

  private read(text: string, last: boolean): void {
    const source = this.tail + text;
    this.tail = '';
    let at = 0;
    if (this.until !== undefined) {
      const end = source.indexOf(this.until);
      if (end < 0) {
        if (!last) this.tail = source.slice(Math.max(0, source.length - this.until.length + 1));
        return;
      }
      at = end + this.until.length;
      this.until = undefined;
    }
    // tag by tag with indexOf, not a pattern: a sheet has millions of cells, and this pass adds to every import
    at = source.indexOf('<', at);
    let bang = source.indexOf('<!', at);
    while (at >= 0) {
      const first = source.charCodeAt(at + 1);
      if (first === 33 || first === 63) {
        // a comment, CDATA section or instruction: the reader passes over it, and so do the checks (r12, 1d)
        if (source.length - at < 9) break; // `<![CDATA[` may be cut by the chunk's end
        const over = markupEnd(source, at);
        if (over < 0) {
          this.until = markupClosing(source, at);
          if (!last) this.tail = source.slice(Math.max(at + 2, source.length - this.until.length + 1));
          return;
        }
        at = source.indexOf('<', over);
        continue;
      }
      if (first === 47) {
        const over = this.closingTag(source, at);
        if (over < 0 && source.length - at > LONGEST_NAME) {
          this.damaged();
          return;
        }
        if (over < 0) break; // a name cut by the chunk's end
        at = source.indexOf('<', over);
        continue;
      }
      // nothing but comments, instructions and white space follows the root element (r28, item 10)
      if (this.rootEnded) {
        this.damage = { reason: phrase('xlsx.damaged'), row: this.row };
        return;
      }
      let end = at + 1;
      let colon = -1;
      for (let code = first; nameCharacter(code) && end - at <= LONGEST_NAME; code = source.charCodeAt(++end)) if (code === 58) colon = end;
      if (end - at > LONGEST_NAME) {
        this.damaged();
        return;
      }
      if (end === source.length) break; // a name cut by the chunk's end
      const start = colon < 0 ? at + 1 : colon + 1;
      const isCell = end - start === 1 && source.charCodeAt(start) === 99;
      if (isCell || (end - start === 3 && source.startsWith('row', start))) {
        // a `>` inside a quoted attribute value (`x="a>b"`) does not end the tag
        const close = tagEnd(source, end);
        if (close < 0 && source.length - at > LONGEST_TAG) {
          this.damaged();
          return;
        }
        if (close < 0) break;
        if (!isCell) {
          this.damage = this.startRow(source.slice(end, close));
          end = close + 1;
        } else if (source.charCodeAt(close - 1) === 47) {
          this.damage = this.cell(source.slice(end, close - 1), undefined);
          end = close + 1;
        } else {
          const closing = colon < 0 ? '</c>' : `</${source.slice(at + 1, end)}>`;
          if (bang >= 0 && bang <= close) bang = source.indexOf('<!', close + 1);
          let finish = source.indexOf(closing, close + 1);
          if (bang >= 0 && finish >= 0 && bang < finish) finish = cellEnd(source, close + 1, closing, bang);
          if (finish < 0) break; // a cell whose end is in a later chunk: carried, and read whole with it
          this.damage = this.cell(source.slice(end, close), source.slice(close + 1, finish));
          end = finish + closing.length;
        }
        if (this.damage) return;
      }
      at = source.indexOf('<', end);
    }
    if (last || at < 0) return;
    if (source.length - at > LONGEST_CARRIED) {
      const cell = CELL_START.exec(source.slice(at, at + 1024));
      const max = phrase('number.megabytes', { value: LONGEST_CARRIED / (1024 * 1024) });
      this.damage = cell === null ? { reason: phrase('xlsx.damaged'), row: this.row } : { reason: phrase('xlsx.cell_too_long', { cell: cell[1] ?? `${columnLetter(this.column)}${this.row}`, max }), row: this.row };
      return;
    }
    this.tail = source.slice(at);
  }

  /** The sheet's XML is damaged where the reading is (a name or tag beyond LONGEST_NAME or LONGEST_TAG). */
  private damaged(): void {
    // before the first row there is no row to name (a location `:0` named none)
    this.damage = { reason: phrase('xlsx.damaged'), row: this.row > 0 ? this.row : undefined };
  }

  /**
   * True once the root element (`</worksheet>`, `</x:worksheet>`) has ended: an element after it is not XML, and a
   * second `<sheetData>` there was read as more rows of the sheet (adversarial run r28, item 10).
   */
  private rootEnded = false;

  /** Reads a closing tag's name at `at` (`</row>`): where the name ends, or -1 when the chunk cuts it. */
  private closingTag(source: string, at: number): number {
    let end = at + 2;
    let colon = -1;
    for (let code = source.charCodeAt(end); nameCharacter(code) && end - at <= LONGEST_NAME; code = source.charCodeAt(++end)) if (code === 58) colon = end;
    if (end === source.length || end - at > LONGEST_NAME) return -1;
    const start = colon < 0 ? at + 2 : colon + 1;
    if (end - start === 9 && source.startsWith('worksheet', start)) this.rootEnded = true;
    return end;
  }

  private startRow(attributes: string): WorkbookDamage | undefined {
    const twice = this.readAttributes(attributes);
    const r = this.r;
    const row = r === undefined ? this.row + 1 : /^[1-9]\d{0,6}$/.test(r) ? Number(r) : Number.NaN;
    if (!(row <= MAX_ROW)) return { reason: phrase('xlsx.cell_outside') };
    // rows come in order (18.3.1.73): one numbered again or back would be read over another; a number given
    // twice is not XML, and the reader takes the last
    if (row <= this.row || twice) return { reason: phrase('xlsx.damaged'), row };
    this.row = row;
    this.column = 0;
    if (this.reading !== undefined) {
      this.endRow();
      this.current = { index: row - 1, values: [] };
    }
    return undefined;
  }

  /** The last cell's reference and type, as readAttributes found them. */
  private r: string | undefined;
  private type: string | undefined;
  private style: string | undefined;

  /**
   * Reads a cell's reference (`r`) and type (`t`) as the reader takes them (unprefixed, the last of a name wins)
   * into `r` and `type`; true when `r`, `s` or `t` is given twice (not XML: the reader takes the last, another
   * program the first). Read character by character: a sheet has millions of cells.
   */
  private readAttributes(text: string): boolean {
    this.r = undefined;
    this.type = undefined;
    this.style = undefined;
    // the way every writer puts it, ` r="F2"` or ` r="F2" t="s"`, without a loop
    const quote = text.startsWith(' r="') ? text.indexOf('"', 4) : -1;
    if (quote > 0 && quote === text.length - 1) {
      this.r = text.slice(4, quote);
      return false;
    }
    const typeQuote = quote > 0 && text.startsWith(' t="', quote + 1) ? text.indexOf('"', quote + 5) : -1;
    if (typeQuote > 0 && typeQuote === text.length - 1) {
      this.r = text.slice(4, quote);
      this.type = text.slice(quote + 5, typeQuote);
      return false;
    }
    let seen = 0;
    let twice = false;
    for (let at = 0; at < text.length; ) {
      let code = text.charCodeAt(at);
      if (code === 32 || code === 9 || code === 10 || code === 13) {
        at++;
        continue;
      }
      const name = at;
      while (at < text.length && code !== 61 && code !== 32 && code !== 9 && code !== 10 && code !== 13) code = text.charCodeAt(++at);
      const single = at - name === 1 ? text.charCodeAt(name) : 0;
      while (code === 32 || code === 9 || code === 10 || code === 13) code = text.charCodeAt(++at);
      if (code !== 61) continue; // a name without a value: nothing the reader uses
      do code = text.charCodeAt(++at);
      while (code === 32 || code === 9 || code === 10 || code === 13);
      if (code !== 34 && code !== 39) break; // a value without quotes is not XML; the reference checks refuse what matters
      const end = text.indexOf(code === 34 ? '"' : "'", at + 1);
      if (end < 0) break;
      const bit = single === 114 ? 1 : single === 116 ? 2 : single === 115 ? 4 : 0;
      if ((seen & bit) !== 0) twice = true;
      seen |= bit;
      if (single === 114) this.r = text.slice(at + 1, end);
      else if (single === 116) this.type = text.slice(at + 1, end);
      else if (single === 115) this.style = text.slice(at + 1, end);
      at = end + 1;
    }
    return twice;
  }

  private cell(attributes: string, content: string | undefined): WorkbookDamage | undefined {
    // read without a pattern: a sheet has millions of cells; ` r="F2"` as nearly every writer puts it, at once
    const quote = attributes.startsWith(' r="') ? attributes.indexOf('"', 4) : -1;
    const plain = quote > 0 && quote === attributes.length - 1;
    const twice = plain ? false : this.readAttributes(attributes);
    const r = plain ? attributes.slice(4, quote) : this.r;
    const type = plain ? undefined : this.type;
    const style = plain ? undefined : this.style;
    const at = r === undefined ? { column: this.column + 1, row: this.row } : reference(r);
    const cell = r ?? `${columnLetter(this.column)}${this.row}`;
    if (at === 'outside') return { reason: phrase('xlsx.cell_outside') };
    if (at === undefined || at.row !== this.row || at.column <= this.column) return { reason: phrase('xlsx.cell_reference', { cell: cell.slice(0, 20) }), row: this.row };
    this.column = at.column;
    // an attribute given twice is not XML (`t="n" t="s"`): the reader takes the last, another program the first
    if (twice) return { reason: phrase('xlsx.cell_malformed', { cell }), row: this.row };
    // `<v>2</v>`, as nearly every cell is, without a loop
    const simple = content?.startsWith('<v>') === true && content.indexOf('<', 3) === content.length - 4 && content.endsWith('</v>');
    let read: { value: string; values: number; formula: boolean } | undefined;
    try {
      read =
        content === undefined
          ? undefined
          : simple
            ? { value: xmlText(content.slice(3, -4), true), values: 1, formula: false }
            : content.indexOf('v') < 0 && content.indexOf('f') < 0 && content.indexOf('<!') < 0
              ? NO_VALUE // `<is><t>R2</t></is>`: no value, no formula
              : cellContent(content);
    } catch (error) {
      return forbiddenIn(error, cell, this.row, this.part);
    }
    if (read !== undefined && read.values > 1) return { reason: phrase('xlsx.cell_malformed', { cell }), row: this.row };
    if (type === 's') {
      const index = read?.value.trim() ?? '';
      // no index at all is read as the first shared text when there is one, and as empty when there are none
      if (index === '' && this.sharedTexts === 0) return undefined;
      if (!/^\d{1,10}$/.test(index) || (this.sharedTexts !== undefined && Number(index) >= this.sharedTexts)) {
        return { reason: phrase('xlsx.cell_no_text', { cell }), row: this.row };
      }
      if (this.reading?.forbidden.has(Number(index))) return { reason: phrase('xlsx.cell_character', { cell }), row: this.row };
    } else if (read?.formula && read.values === 0) {
      return { reason: phrase('xlsx.cell_no_result', { cell }), row: this.row };
    }
    const row = this.current;
    if (this.reading === undefined || row === undefined) return undefined;
    let text: string | undefined;
    try {
      text = cellValue(this.reading, type, style, read?.value ?? '', type === 'inlineStr' && content !== undefined ? content : undefined);
    } catch (error) {
      return forbiddenIn(error, cell, this.row, this.part);
    }
    if (text === undefined) return { reason: phrase(type === 'b' ? 'xlsx.cell_not_boolean' : 'xlsx.cell_not_number', { cell }), row: this.row };
    const column = at.column - 1;
    if (row.columns !== undefined) row.columns.push(column);
    else if (column - row.values.length > GAP_FILLED) row.columns = [...row.values.keys(), column];
    else while (row.values.length < column) row.values.push('');
    row.values.push(text);
    return undefined;
  }
}

/** A cell's text that holds a character XML does not allow, as damage naming the cell; any other error thrown on. */
function forbiddenIn(error: unknown, cell: string, row: number, part: string): WorkbookDamage {
  if (error instanceof ForbiddenCharacter) return { reason: phrase('xlsx.cell_character', { cell }), row };
  if (error instanceof UndefinedEntity) return { reason: undefinedEntityIn(part), row };
  throw error;
}

/** What the rows of a sheet are read with: the workbook's shared texts, its cell formats, its dates' system. */
export interface CellReading {
  shared: readonly string[];
  /** The shared texts (by index) that hold a character XML does not allow: a cell that uses one is damage. */
  forbidden: ReadonlySet<number>;
  /** By a cell's style (`s`), its number format's kind: 0 a number, 1 a date, 2 a percentage. */
  formats: Uint8Array;
  date1904: boolean;
}

/** A number as XML Schema writes a decimal or a double (XSD 1.0 Part 2, 3.2.3, 3.2.5), as every writer of a workbook writes one. */
const XSD_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** The special values of an XML Schema double: read as their text, which no column takes for a number. */
const XSD_SPECIAL = /^(-?INF|NaN)$/;

/**
 * A cell's text, as a CSV export of the same sheet holds it: a shared or inline text, `true`/`false`, an error
 * (`#N/A`), a number (`0.075`), a date (`2026-03-14`), a percentage as Excel shows it (`9.2%`). Undefined for a
 * number cell whose value is no number (`0x28`): damage, never a number read otherwise than Excel would.
 */
function cellValue(reading: CellReading, type: string | undefined, style: string | undefined, value: string, inline: string | undefined): string | undefined {
  switch (type) {
    case 's':
      return value.trim() === '' ? (reading.shared[0] ?? '') : (reading.shared[Number(value)] ?? '');
    case 'str':
    case 'e':
      return type === 'e' ? value : ooxmlText(value);
    case 'inlineStr':
      return inline === undefined ? '' : stringItems(inline, 'is', 0)[0] ?? '';
    case 'b':
      return booleanText(value);
    default: {
      const number = value.trim();
      if (number === '') return '';
      if (!XSD_NUMBER.test(number)) {
        if (XSD_SPECIAL.test(number)) return number;
        // a type the reader does not know (`d`, an ISO date) keeps its text
        return type === undefined || type === 'n' ? undefined : number;
      }
      const parsed = Number(number);
      // beyond what a number holds (`1E+999`): the text, refused as the same text in a CSV file is
      if (!Number.isFinite(parsed)) return number;
      const format = style === undefined ? 0 : (reading.formats[Number(style)] ?? 0);
      if (format === 1) {
        // a serial number no calendar day has (beyond year 275760) stays a number
        const date = serialDate(parsed, reading.date1904);
        return Number.isNaN(date.getTime()) ? String(parsed) : dateText(date);
      }
      if (format === 2) return percentCellText(parsed);
      return wholeNumberText(number, parsed);
    }
  }
}

/**
 * A true/false cell's text: `true` or `false`, as xsd:boolean writes them (`1`, `0`, `true`, `false`), empty
 * without a value; undefined for anything else, damage naming the cell (any other value was read as `false`,
 * a `2` or `yes` among them: adversarial run r33, left item).
 */
function booleanText(value: string): string | undefined {
  const written = value.trim();
  if (written === '') return '';
  if (written === '1' || written === 'true') return 'true';
  if (written === '0' || written === 'false') return 'false';
  return undefined;
}

/**
 * A number cell's text as a CSV file would hold it. A whole number written without an exponent keeps every digit
 * as written (adversarial run r24): read through a double, 9007199254740993 would become 9007199254740992 and a
 * respondent id the same as another's. Its sign and leading zeros are read as a number's (`+007` is 7).
 */
function wholeNumberText(written: string, parsed: number): string {
  const whole = /^([+-]?)0*(\d+)$/.exec(written);
  if (whole === null || Number.isSafeInteger(parsed)) return String(parsed);
  return `${whole[1] === '-' ? '-' : ''}${whole[2]}`;
}

/** Excel's escapes of characters XML cannot hold (`_x000D_`), undone (ECMA-376 Part 1, 22.9.2.19). */
function ooxmlText(text: string): string {
  return text.indexOf('_x') < 0 ? text : text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** A date as a CSV export writes it: `2026-03-14`, or `2026-03-14 07:41:21` with a time of day. */
function dateText(value: Date): string {
  const date = `${pad(value.getUTCFullYear(), 4)}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  const seconds = value.getUTCHours() * 3600 + value.getUTCMinutes() * 60 + value.getUTCSeconds();
  return seconds === 0 ? date : `${date} ${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}:${pad(value.getUTCSeconds())}`;
}

/** A date's serial number as a day (ECMA-376 Part 1, 18.17.4.1), Excel's 29 February 1900 (serial 60) kept as the 28th. */
function serialDate(serial: number, date1904: boolean): Date {
  const day = 864e5;
  if (date1904) return new Date(Date.UTC(1904, 0, 1) + Math.round(serial * day));
  if (serial === 60) return new Date(Date.UTC(1900, 1, 28));
  return new Date(Date.UTC(1899, 11, 31) + Math.round((serial > 60 ? serial - 1 : serial) * day));
}

/** A share as Excel shows it in a percentage format, without its rounding: 0.092 is `9.2%`, 1 is `100%`. */
function percentCellText(value: number): string {
  const text = String(value);
  const exponent = /^(-?[\d.]+)e([+-]\d+)$/.exec(text);
  if (exponent) return `${exponent[1]}e${Number(exponent[2]) + 2}%`;
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const digits = fraction.padEnd(2, '0');
  const shifted = `${whole}${digits.slice(0, 2)}`.replace(/^0+(?=\d)/, '');
  const rest = digits.slice(2);
  return `${negative ? '-' : ''}${shifted}${rest === '' ? '' : `.${rest}`}%`;
}

/** An element's local name (`t`, from `x:t`), its name running from `from` to white space or `end`. */
function localName(source: string, from: number, end: number): string {
  let stop = from;
  let start = from;
  for (let code = source.charCodeAt(stop); stop < end && code !== 32 && code !== 9 && code !== 10 && code !== 13; code = source.charCodeAt(++stop)) {
    if (code === 58) start = stop + 1;
  }
  return source.slice(start, stop);
}

/**
 * The texts of the elements named `item` at `depth` (0: the root) of `xml`, as Excel shows them (ECMA-376 Part 1,
 * 18.4.8 `si`, 18.3.1.53 `is`): the text of its `t`, or of its runs' (`r`) `t` joined; never the phonetic
 * reading (`rPh`) that East Asian texts carry beside them. Comments are passed over, CDATA sections are text.
 */
export function stringItems(xml: string, item: string, depth: number, forbidden?: Set<number>): string[] {
  const found: string[] = [];
  const path: string[] = [];
  let inItem = false;
  let direct = '';
  let runs = '';
  let hasRuns = false;
  let bad = false;
  const take = (text: string, raw = false) => {
    if (!inItem || text === '') return;
    const own = path.length === depth + 2 && path[depth + 1] === 't';
    if (!own && !(path.length === depth + 3 && path[depth + 1] === 'r' && path[depth + 2] === 't')) return;
    let read = text;
    if (!raw) {
      try {
        read = xmlText(text, true);
      } catch (error) {
        // without `forbidden` (a cell's own text), the cell is refused; with it (the table), the entry is marked
        if (!(error instanceof ForbiddenCharacter) || forbidden === undefined) throw error;
        bad = true;
        return;
      }
    }
    if (own) direct += read;
    else runs += read;
  };
  for (let at = 0; at < xml.length; ) {
    const open = xml.indexOf('<', at);
    if (open !== at) take(xml.slice(at, open < 0 ? xml.length : open));
    if (open < 0) break;
    const next = xml.charCodeAt(open + 1);
    if (next === 33 || next === 63) {
      const over = markupEnd(xml, open);
      if (over < 0) break;
      if (xml.startsWith('<![CDATA[', open)) take(xml.slice(open + 9, over - 3), true);
      at = over;
      continue;
    }
    const close = tagEnd(xml, open + 1);
    if (close < 0) break;
    if (next === 47) {
      path.pop();
      if (inItem && path.length === depth) {
        if (bad) forbidden?.add(found.length);
        found.push(ooxmlText(hasRuns ? runs : direct));
        inItem = false;
      }
    } else {
      const selfClosing = xml.charCodeAt(close - 1) === 47;
      const local = localName(xml, open + 1, selfClosing ? close - 1 : close);
      if (path.length === depth && local === item) {
        if (selfClosing) found.push('');
        else {
          inItem = true;
          direct = '';
          runs = '';
          hasRuns = false;
          bad = false;
        }
      } else if (inItem && path.length === depth + 1 && local === 'r') hasRuns = true;
      if (!selfClosing) path.push(local);
    }
    at = close + 1;
  }
  return found;
}

/** Number formats Excel builds in that show dates or times (ECMA-376 Part 1, 18.8.30), with those of East Asian locales. */
const DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** Whether a number format's code shows a date or a time (`d-mmm-yy`, `[h]:mm`), its quoted texts, escapes and colours left out. */
function isDateCode(code: string): boolean {
  const cleaned = code.replace(/\[[$\-\w]*\]/g, '').replace(/\\./g, '').replace(/"[^"]*"/g, '').replace(/[*_]./g, '');
  if (/^(General|@)$/i.test(cleaned.trim())) return false;
  const lower = cleaned.toLowerCase();
  if (/(?:^|[^a-z])h{1,2}(?:[^a-z]|$)|\bh{1,2}\b/i.test(lower) || /(?:^|[^a-z])s{1,2}(?:[^a-z]|$)|\bs{1,2}\b/i.test(lower)) return true;
  if (/am\/pm|a\/p/i.test(lower) || /\[h+\]|\[m+\]|\[s+\]/i.test(code)) return true;
  return /y{1,4}/.test(lower) || /d{1,4}/.test(lower) || /m{3,}/.test(lower);
}

/** Whether a number format's code shows a percentage: a `%` outside its quoted texts and escapes (ECMA-376 Part 1, 18.8.31). */
function isPercentCode(code: string): boolean {
  return code.replace(/\[[^\]]*\]/g, '').replace(/\\./g, '').replace(/"[^"]*"/g, '').replace(/[*_]./g, '').includes('%');
}

/**
 * The kind of number format of each cell style (`cellXfs`) of a workbook's styles part: 1 a date, 2 a
 * percentage (built-in 9 `0%` and 10 `0.00%`, or a code of its own with a `%`), 0 any other.
 */
export function cellFormats(xml: string | undefined): Uint8Array {
  if (xml === undefined) return new Uint8Array(0);
  const codes = new Map<number, string>();
  const styles: number[] = [];
  let parent = '';
  new XmlElements((depth, source, from, end) => {
    if (depth === 1) parent = tagIs(source, from, end, 'numFmts') ? 'numFmts' : tagIs(source, from, end, 'cellXfs') ? 'cellXfs' : '';
    if (depth !== 2) return;
    if (parent === 'numFmts' && tagIs(source, from, end, 'numFmt')) {
      const { values } = attributesOf(source.slice(from, end));
      const id = Number(values.get('numFmtId'));
      if (!Number.isNaN(id)) codes.set(id, xmlText(values.get('formatCode') ?? ''));
    } else if (parent === 'cellXfs' && tagIs(source, from, end, 'xf')) {
      styles.push(Number(attributesOf(source.slice(from, end)).values.get('numFmtId') ?? '0'));
    }
  }).feed(xml);
  const kinds = new Uint8Array(styles.length);
  styles.forEach((id, index) => {
    const code = codes.get(id);
    const date = code ? isDateCode(code) : DATE_FORMATS.has(id);
    kinds[index] = date ? 1 : (code ? isPercentCode(code) : id === 9 || id === 10) ? 2 : 0;
  });
  return kinds;
}

/**
 * Where a cell's content that starts at `from` ends (its `closing` tag), past comments and CDATA sections that
 * may hold a `</c>` the reader does not see; -1 when the end is not in `source` yet. `bang` is where the next
 * `<!` at or after `from` is (-1: none), found once for the whole chunk: looked for cell by cell, the search
 * would run to the chunk's end for every cell.
 */
function cellEnd(source: string, from: number, closing: string, bang: number): number {
  let finish = source.indexOf(closing, from);
  for (let special = bang; finish >= 0 && special >= 0 && special < finish; special = source.indexOf('<!', special)) {
    const over = markupEnd(source, special);
    if (over < 0) return -1;
    if (over > finish) finish = source.indexOf(closing, over);
    special = over;
  }
  return finish;
}

const NO_VALUE = { value: '', values: 0, formula: false };

/**
 * What the reader takes from a cell's content (ECMA-376 Part 1, 18.3.1.4): the text of its value (`<v>`), with
 * comments left out and CDATA sections as text; how many values it has (the reader joins them); whether it has
 * a formula (`<f>`).
 */
function cellContent(content: string): { value: string; values: number; formula: boolean } {
  let value = '';
  let values = 0;
  let formula = false;
  let inValue = false;
  for (let at = 0; at < content.length; ) {
    const open = content.indexOf('<', at);
    if (inValue && open !== at) value += xmlText(content.slice(at, open < 0 ? content.length : open), true);
    if (open < 0) break;
    const next = content.charCodeAt(open + 1);
    if (next === 33 || next === 63) {
      const over = markupEnd(content, open);
      if (over < 0) break;
      if (inValue && content.startsWith('<![CDATA[', open)) value += content.slice(open + 9, over - 3);
      at = over;
      continue;
    }
    const close = tagEnd(content, open + 1);
    if (close < 0) break;
    const closing = next === 47;
    if (tagIs(content, closing ? open + 2 : open + 1, close, 'v')) {
      if (closing) inValue = false;
      else {
        values++;
        inValue = content.charCodeAt(close - 1) !== 47;
      }
    } else if (!closing && tagIs(content, open + 1, close, 'f')) formula = true;
    at = close + 1;
  }
  return { value, values, formula };
}

/**
 * Checks every part of the workbook (unpacks, CRC-32) and the cells of the sheet read (`sheet`, by name), with
 * `sharedTexts` entries in its table of shared texts (undefined: not counted). Returns the first damage found,
 * or undefined; a part that does not unpack throws as the unpacking did (the caller names the reason). The parts
 * in `skip` are left out: those the reader checks as it reads them (the sheet read, the shared texts).
 */
export async function checkWorkbook(
  bytes: Buffer,
  parts: readonly ZipPart[],
  plan: WorkbookPlan | undefined,
  sheet: string,
  sharedTexts: number | undefined,
  skip: ReadonlySet<string> = new Set(),
): Promise<WorkbookDamage | undefined> {
  // the sheet's part as the reader finds it; when the workbook does not say, every sheet is checked
  const cellsOf = plan?.sheets.get(sheet);
  for (const part of parts) {
    if (skip.has(part.name)) continue;
    // a part of another method, or of 4 GiB or more (ZIP64: its sizes are elsewhere), is left to the reader
    if ((part.method !== 0 && part.method !== 8) || part.packed === 0xffffffff || part.unpacked === 0xffffffff) continue;
    const data = partData(bytes, part);
    if (data === undefined) return { reason: phrase('xlsx.damaged') };
    const cells = (cellsOf === undefined ? /^xl\/worksheets\/[^/]+\.xml$/i.test(part.name) : part.name === cellsOf) ? new SheetCells(sharedTexts, undefined, part.name) : undefined;
    const text = new StringDecoder('utf8');
    let size = 0;
    const crc = await unpack(data, part.method, (chunk) => {
      size += chunk.length;
      if (passesDeclaredSize(part, size)) return false;
      cells?.feed(text.write(chunk), false);
      return undefined;
    });
    if (passesDeclaredSize(part, size)) return { reason: longerThanDeclared(part) };
    cells?.feed(text.end(), true);
    if (crc !== part.crc) return { reason: phrase('xlsx.damaged') };
    if (cells?.damage) return cells.damage;
  }
  return undefined;
}
