// The text of each page of a PDF that Chromium printed, with where each line sits, so the browser test can
// check what a printed report shows: the summary on page 1, page numbers and the date, how full pages are.
// Reads exactly what Chromium (Skia) writes: uncompressed cross references, Flate content streams, Type0
// fonts with a ToUnicode map, text drawn glyph by glyph with Tm, Td, Tj and TJ; it is no general PDF reader.
import { inflateSync } from 'node:zlib';

export interface PdfLine {
  /** distance from the bottom of the page, in points */
  y: number;
  text: string;
}

export interface PdfPage {
  /** page height in points */
  height: number;
  /** lines top to bottom as drawn; glyphs on one baseline make one line */
  lines: PdfLine[];
}

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function objects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const found = new Map<number, PdfObject>();
  for (const match of text.matchAll(/(\d+) 0 obj\s*/g)) {
    const start = (match.index ?? 0) + match[0].length;
    const end = text.indexOf('endobj', start);
    const body = text.slice(start, end);
    const streamAt = body.search(/stream\r?\n/);
    if (streamAt < 0) {
      found.set(Number(match[1]), { dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, streamAt);
    const length = Number(/\/Length (\d+)(?! \d+ R)/.exec(dict)?.[1] ?? -1);
    const dataStart = start + streamAt + (/stream\r?\n/.exec(body.slice(streamAt))?.[0].length ?? 0);
    const raw = pdf.subarray(dataStart, length >= 0 ? dataStart + length : start + body.lastIndexOf('endstream'));
    found.set(Number(match[1]), { dict, stream: dict.includes('/FlateDecode') ? inflateSync(raw) : raw });
  }
  return found;
}

const reference = (dict: string, key: string): number | null => {
  const match = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict);
  return match ? Number(match[1]) : null;
};

/** Glyph code -> text, from a ToUnicode CMap's bfchar and bfrange sections. */
function unicodeMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const utf16 = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le');
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const [, code, value] of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(Number.parseInt(code, 16), utf16(value));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const [, from, to, value] of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const base = Number.parseInt(value, 16);
      for (let code = Number.parseInt(from, 16); code <= Number.parseInt(to, 16); code++) map.set(code, String.fromCodePoint(base + code - Number.parseInt(from, 16)));
    }
  return map;
}

function pageFonts(page: PdfObject, all: Map<number, PdfObject>): Map<string, Map<number, string>> {
  const resourcesRef = reference(page.dict, 'Resources');
  const resources = resourcesRef === null ? page.dict : (all.get(resourcesRef)?.dict ?? '');
  const fonts = new Map<string, Map<number, string>>();
  const block = /\/Font\s*<<([\s\S]*?)>>/.exec(resources)?.[1] ?? '';
  for (const [, name, id] of block.matchAll(/\/(\w+)\s+(\d+) 0 R/g)) {
    const toUnicode = reference(all.get(Number(id))?.dict ?? '', 'ToUnicode');
    const cmap = toUnicode === null ? null : all.get(toUnicode)?.stream;
    fonts.set(name, cmap ? unicodeMap(cmap.toString('latin1')) : new Map());
  }
  return fonts;
}

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];

/** The lines of one content stream: the graphics state's matrix and the text matrix followed, glyphs decoded. */
function contentLines(content: string, fonts: Map<string, Map<number, string>>): PdfLine[] {
  const lines: PdfLine[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  let line: Matrix = [1, 0, 0, 1, 0, 0];
  let font = new Map<number, string>();
  const show = (hex: string) => {
    let words = '';
    for (let i = 0; i + 4 <= hex.length; i += 4) words += font.get(Number.parseInt(hex.slice(i, i + 4), 16)) ?? '';
    const y = Math.round(multiply(line, ctm)[5] * 10) / 10;
    const last = lines[lines.length - 1];
    if (last && Math.abs(last.y - y) < 0.5) last.text += words;
    else lines.push({ y, text: words });
  };
  const number = String.raw`-?[\d.]+`;
  const operators = new RegExp(
    String.raw`(?<q>\bq\b)|(?<Q>\bQ\b)|(?<cm>(?:${number}\s+){6}cm\b)|(?<tm>(?:${number}\s+){6}Tm\b)|(?<td>${number}\s+${number}\s+Td\b)|(?<tf>/(\w+)\s+${number}\s+Tf\b)|(?<tj><([0-9A-Fa-f]*)>\s*Tj\b)|(?<TJ>\[([^\]]*)\]\s*TJ\b)`,
    'g',
  );
  for (const match of content.matchAll(operators)) {
    const groups = match.groups ?? {};
    const numbers = () => match[0].trim().split(/\s+/).slice(0, -1).map(Number);
    if (groups.q) stack.push(ctm);
    else if (groups.Q) ctm = stack.pop() ?? ctm;
    else if (groups.cm) ctm = multiply(numbers() as Matrix, ctm);
    else if (groups.tm) line = numbers() as Matrix;
    else if (groups.td) {
      const [tx, ty] = numbers();
      line = multiply([1, 0, 0, 1, tx, ty], line);
    } else if (groups.tf) font = fonts.get(match[7]) ?? new Map();
    else if (groups.tj !== undefined) show(match[9]);
    else if (groups.TJ !== undefined) for (const hex of match[11].matchAll(/<([0-9A-Fa-f]*)>/g)) show(hex[1]);
  }
  return lines;
}

/** Every page of the PDF in order, with its lines of text. */
export function pdfPages(pdf: Buffer): PdfPage[] {
  const all = objects(pdf);
  const root = [...all.entries()].find(([, object]) => /\/Type\s*\/Pages\b/.test(object.dict) && !object.dict.includes('/Parent'));
  if (!root) throw new Error('no page tree in the PDF');
  const pages: number[] = [];
  const walk = (id: number) => {
    const dict = all.get(id)?.dict ?? '';
    if (!/\/Type\s*\/Pages\b/.test(dict)) {
      pages.push(id);
      return;
    }
    for (const [, kid] of (/\/Kids\s*\[([^\]]*)\]/.exec(dict)?.[1] ?? '').matchAll(/(\d+) 0 R/g)) walk(Number(kid));
  };
  walk(root[0]);
  return pages.map((id) => {
    const page = all.get(id) as PdfObject;
    const fonts = pageFonts(page, all);
    const box = (/\/MediaBox\s*\[([^\]]*)\]/.exec(page.dict)?.[1] ?? '0 0 595 842').trim().split(/\s+/).map(Number);
    const contents = /\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(page.dict)?.[1] ?? '';
    const lines = [...contents.matchAll(/(\d+) 0 R/g)].flatMap(([, ref]) => contentLines(all.get(Number(ref))?.stream?.toString('latin1') ?? '', fonts));
    return { height: box[3] - box[1], lines };
  });
}
