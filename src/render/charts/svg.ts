// The few SVG pieces every chart uses: escaping, stable numbers, elements and the accessible wrapper.
import { terminalText } from '../terminal.js';

/** Characters XML 1.0 forbids even escaped; data must not be able to make the page ill-formed. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these control characters are exactly what XML forbids and must be removed
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text and attribute values made inert for XML and HTML alike; control and bidirectional characters shown as `\uXXXX`. */
export function escapeXml(text: string): string {
  return terminalText(text)
    .replace(FORBIDDEN, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A coordinate with at most two decimals and no trailing zeros, so output is byte-stable. */
export function num(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite coordinate: ${value}`);
  // From 1e21 on toFixed writes an exponent ("1e+300"), whose zeros are not decimals to trim.
  const written = value.toFixed(2);
  const fixed = written.includes('e') ? written : written.replace(/\.?0+$/, '');
  return fixed === '-0' ? '0' : fixed;
}

export type Attributes = Record<string, string | number | undefined>;

function attributes(attrs: Attributes): string {
  let text = '';
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined) continue;
    text += ` ${name}="${typeof value === 'number' ? num(value) : escapeXml(value)}"`;
  }
  return text;
}

/** An element; `content` is markup already made by these helpers (use `text` for words). */
export function element(name: string, attrs: Attributes, content?: string): string {
  return content === undefined ? `<${name}${attributes(attrs)}/>` : `<${name}${attributes(attrs)}>${content}</${name}>`;
}

/** A text element; the words are escaped. */
export function text(x: number, y: number, words: string, attrs: Attributes = {}): string {
  return element('text', { x, y, ...attrs }, escapeXml(words));
}

export function line(x1: number, y1: number, x2: number, y2: number, attrs: Attributes = {}): string {
  return element('line', { x1, y1, x2, y2, ...attrs });
}

export const FONT_SIZE = 12;
// Average advance of a sans-serif character at 12px; the page's font is unknown, so estimate generously.
const CHAR_WIDTH = 7;

export function textWidth(words: string): number {
  return Array.from(words).length * CHAR_WIDTH;
}

/** The width of the widest text, at least `floor` (a loop: a spread of many rows would overflow the call). */
export function widest(texts: readonly string[], floor = 0): number {
  let width = floor;
  for (const words of texts) width = Math.max(width, textWidth(words));
  return width;
}

/** Words cut to fit a width, with an ellipsis; the full text stays in the table. */
export function fitText(words: string, width: number): string {
  const chars = Array.from(words);
  const room = Math.max(1, Math.floor(width / CHAR_WIDTH));
  return chars.length <= room ? words : `${chars.slice(0, room - 1).join('').trimEnd()}…`;
}

/**
 * A word too wide for a line, in pieces that fit: after its hyphens first ("Sint-" "Amandsberg"), then, for a
 * piece still too wide, by characters. `glue` says whether a piece joins the next without a space.
 */
function pieces(word: string, width: number): Array<{ text: string; glue: boolean }> {
  if (textWidth(word) <= width) return [{ text: word, glue: false }];
  const room = Math.max(1, Math.floor(width / CHAR_WIDTH));
  const parts = word.split(/(?<=-)(?=.)/u);
  return parts.flatMap((part, i) => {
    const chars = Array.from(part);
    const chunks: string[] = [];
    for (let k = 0; k < chars.length; k += room) chunks.push(chars.slice(k, k + room).join(''));
    return chunks.map((text, k) => ({ text, glue: i < parts.length - 1 || k < chunks.length - 1 }));
  });
}

/**
 * Words broken into lines that fit a width: at spaces, then inside over-wide words (after a hyphen, else
 * between characters). Only text beyond `maxLines` is cut, the last line ending in an ellipsis.
 */
export function wrapText(words: string, width: number, maxLines = Infinity): string[] {
  const lines: string[] = [];
  let current = '';
  let glued = false;
  for (const word of words.split(/\s+/).filter(Boolean)) {
    for (const piece of pieces(word, width)) {
      const candidate = current === '' ? piece.text : glued ? current + piece.text : `${current} ${piece.text}`;
      if (current !== '' && textWidth(candidate) > width) {
        lines.push(current);
        current = piece.text;
      } else current = candidate;
      glued = piece.glue;
    }
  }
  if (current !== '') lines.push(current);
  if (lines.length === 0) return [''];
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  // the next line did not fit beside the last one kept, so the two together are cut, ending in an ellipsis
  kept[maxLines - 1] = fitText(`${kept[maxLines - 1]} ${lines[maxLines]}`, width);
  return kept;
}

/** FNV-1a, for an id that is stable for the same chart and differs between charts. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

export interface SvgDocument {
  width: number;
  height: number;
  title: string;
  desc: string;
  /** chart kind, as a class on the root, e.g. "interval-plot" */
  kind: string;
  body: string;
  id?: string;
}

/**
 * The root element: role img, labelled by its own title and desc, generic fonts, black ink.
 * No xmlns: the charts are inlined in HTML, which puts them in the SVG namespace itself.
 */
export function svgDocument(doc: SvgDocument): string {
  const id = doc.id ? doc.id.replace(/[^A-Za-z0-9_-]/g, '-') : `chart-${hash(doc.kind + doc.title + doc.desc + doc.body)}`;
  const head = element('title', { id: `${id}-title` }, escapeXml(doc.title)) + element('desc', { id: `${id}-desc` }, escapeXml(doc.desc));
  const attrs: Attributes = {
    class: `chart ${doc.kind}`,
    role: 'img',
    'aria-labelledby': `${id}-title ${id}-desc`,
    viewBox: `0 0 ${num(doc.width)} ${num(doc.height)}`,
    width: doc.width,
    height: doc.height,
    'font-family': 'sans-serif',
    'font-size': FONT_SIZE,
    fill: '#000',
  };
  return element('svg', attrs, head + doc.body);
}

/** Sentences joined into one desc, skipping empty ones. */
export function sentences(...parts: Array<string | undefined>): string {
  return parts.filter((part): part is string => !!part && part.trim() !== '').join(' ');
}

/** "Label: a, b." for the desc (or the caller's wording), or nothing when the list is empty. */
export function listSentence(label: string, names: string[], listed?: (label: string, names: readonly string[]) => string): string | undefined {
  if (names.length === 0) return undefined;
  return listed ? listed(label, names) : `${label.charAt(0).toUpperCase()}${label.slice(1)}: ${names.join(', ')}.`;
}
