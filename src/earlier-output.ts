// What `--out FILE` of a table command, and a file inside `report --out DIR`, may replace: an earlier output of
// the same command in the same format (a nightly job writing the same file), or an empty file; never an export,
// a configuration, goals, a store, a user's own notes or another command's output. Only a bounded start of the file is read: 64 KB of text, at most 1 MB of a
// workbook's ZIP directory and of its list of sheets.
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { catalogues, LANGS, type MessageKey } from './i18n/index.js';
import { BENCHMARK_COLUMNS } from './render/benchmark.js';
import { COMPARE_COLUMNS } from './render/compare/render.js';
import { INDICATORS_COLUMNS } from './render/indicators/csv.js';
import { PLAN_COLUMNS } from './render/plan/data.js';
import { directoryPlace, END_SEARCH_BYTES, partDataStart, zipParts } from './zip-directory.js';

/** The commands whose answer `emitTables` writes. */
export type TableCommand = 'indicators' | 'compare' | 'check' | 'profile' | 'plan' | 'benchmark';

/** How a command's outputs begin, in each format. */
interface Signature {
  /** the title of its table and Markdown (the catalogue's template, in any language) */
  heading: MessageKey;
  /** the columns its CSV header starts with (later columns depend on options: a model, the plan's target) */
  csv: readonly string[];
  /** the top-level keys of its JSON after `schema_version`, in order */
  json: readonly string[];
  /** its workbook's sheets before the one explaining the columns */
  sheets: readonly MessageKey[];
}

const SIGNATURES: Record<TableCommand, Signature> = {
  indicators: {
    heading: 'indicators.heading',
    csv: INDICATORS_COLUMNS,
    json: ['wave', 'weighting'],
    sheets: ['workbook.sheet_indicators'],
  },
  compare: {
    heading: 'compare.heading',
    csv: COMPARE_COLUMNS,
    json: ['from', 'to'],
    sheets: ['workbook.sheet_compare'],
  },
  check: {
    heading: 'check.heading',
    csv: [],
    json: ['wave', 'goals'],
    sheets: ['workbook.sheet_goals', 'workbook.sheet_gaps', 'workbook.sheet_divergences'],
  },
  profile: {
    heading: 'profile.heading',
    csv: [],
    json: ['wave', 'previous_wave'],
    sheets: ['workbook.sheet_indicators', 'workbook.sheet_residents_ranking', 'workbook.sheet_key_figures', 'workbook.sheet_signals', 'workbook.sheet_benchmarks', 'workbook.sheet_divergences'],
  },
  plan: {
    heading: 'plan.heading',
    csv: PLAN_COLUMNS,
    json: ['wave', 'indicator', 'target'],
    sheets: ['workbook.sheet_plan'],
  },
  benchmark: {
    heading: 'benchmark.heading',
    csv: BENCHMARK_COLUMNS,
    json: ['zone', 'wave', 'level'],
    sheets: ['workbook.sheet_peers'],
  },
};

const TEXT_PREFIX = 64 * 1024;
const WORKBOOK_LIMIT = 1024 * 1024;
/** Excel cuts sheet names at 31 characters (as the workbook writer does). */
const SHEET_NAME_MAX = 31;

/**
 * True when the file open as `fd` may be replaced by `command`'s output in `format`: it is empty, or it is an
 * earlier output of that command in that format.
 */
export function isEarlierOutput(fd: number, command: TableCommand, format: string): boolean {
  const size = fstatSync(fd).size;
  if (size === 0) return true;
  const signature = SIGNATURES[command];
  if (format === 'xlsx') return sheetsMatch(workbookSheets(fd, size), signature.sheets);
  const text = readAt(fd, 0, Math.min(size, TEXT_PREFIX)).toString('utf8').replace(/^\ufeff/, '');
  if (format === 'csv') return csvMatches(text, signature.csv);
  if (format === 'json') return jsonMatches(text, signature.json);
  if (format === 'md' || format === 'table') return headingMatches(text, format, signature.heading);
  return false;
}

/**
 * True when the file open as `fd` may be replaced by the part of a report with this file name: it is empty, or it
 * is an earlier one (an HTML or Markdown report titled as reports are, in any language, or one of its SVG charts).
 */
export function isEarlierReportPart(fd: number, name: string): boolean {
  const size = fstatSync(fd).size;
  if (size === 0) return true;
  const text = readAt(fd, 0, Math.min(size, TEXT_PREFIX)).toString('utf8').replace(/^\ufeff/, '');
  if (name.endsWith('.md')) return headingMatches(text, 'md', 'report.title');
  if (name.endsWith('.svg')) return /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="chart [\w-]+" role="img"/.test(text);
  if (!name.endsWith('.html') || !/^<!doctype html>/i.test(text)) return false;
  const title = /<title>([^<]*)<\/title>/.exec(text)?.[1];
  return title !== undefined && titleMatches(unescapeXml(title), 'report.title');
}

/**
 * True when `--out` may write over what is at `path`: nothing, or not a file (links, folders and devices are
 * refused where the file is written), or a file `isEarlier` judges, open to read, to be an earlier output.
 * A file that cannot be read is not known to be one.
 */
export function mayReplace(path: string, isEarlier: (fd: number) => boolean): boolean {
  if (!lstatSync(path, { throwIfNoEntry: false })?.isFile()) return true;
  const fd = openToRead(path);
  if (fd === undefined) return false;
  try {
    return isEarlier(fd);
  } catch {
    return false;
  } finally {
    closeQuietly(fd);
  }
}

/** Opens `path` to read without following a link or waiting on a pipe; undefined when it cannot be opened. */
function openToRead(path: string): number | undefined {
  try {
    return openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch {
    return undefined;
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // only read: nothing to lose
  }
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(Math.max(0, length));
  let done = 0;
  for (let read = -1; read !== 0 && done < buffer.length; done += read) read = readSync(fd, buffer, done, buffer.length - done, position + done);
  return buffer.subarray(0, done);
}

/** The CSV's first line, split on its separator (`,`, or `;` with --excel), starts with the command's columns. */
function csvMatches(text: string, columns: readonly string[]): boolean {
  if (columns.length === 0) return false;
  const header = text.split(/\r?\n/, 1)[0];
  const fields = header.split(header.includes(';') && !header.includes(',') ? ';' : ',');
  return columns.every((column, i) => fields[i] === column);
}

/** The JSON starts with `{"schema_version":` and its next top-level keys (two spaces in) are the command's. */
function jsonMatches(text: string, keys: readonly string[]): boolean {
  if (!/^\{\s*"schema_version":/.test(text)) return false;
  const found = [...text.matchAll(/^ {2}"([^"\\]*)":/gm)].slice(1, keys.length + 1).map((match) => match[1]);
  return keys.every((key, i) => found[i] === key);
}

/** The title: a Markdown file's `# ` line, or the table's first paragraph (a narrow terminal wraps it), in en, nl or fr. */
function headingMatches(text: string, format: string, key: MessageKey): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: colours a terminal answer may carry
  const plain = text.replace(/\x1b\[[0-9;]*m/g, '');
  let title: string;
  if (format === 'md') {
    const line = plain.split(/\r?\n/, 1)[0];
    if (!line.startsWith('# ')) return false;
    title = line.slice(2).replace(/\\(.)/g, '$1').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  } else title = plain.split(/\r?\n\s*\r?\n/, 1)[0];
  return titleMatches(title, key);
}

/** A title is the message `key` in en, nl or fr, its placeholders filled with anything. */
function titleMatches(title: string, key: MessageKey): boolean {
  const normal = title.replace(/\s+/g, ' ');
  return LANGS.some((lang) => templatePattern(catalogues[lang][key], true).test(normal));
}

/** Text as XML and HTML escape it, the five named entities and numeric ones, read back. */
function unescapeXml(text: string): string {
  return text
    .replace(/&#(\d+);|&#x([0-9a-f]+);/gi, (_, decimal?: string, hex?: string) => String.fromCodePoint(Number.parseInt(decimal ?? hex ?? '', decimal ? 10 : 16) || 0xfffd))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** A catalogue template as a pattern: its words as they are (any run of spaces as one), each `{placeholder}` as some text. */
function templatePattern(template: string, openEnd: boolean): RegExp {
  let pattern = '^';
  let at = 0;
  const literal = (text: string) => text.replace(/\s+/g, ' ').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const match of template.matchAll(/\{(\w+)(?::([^|{}]*)\|([^|{}]*))?\}/g)) {
    pattern += literal(template.slice(at, match.index));
    pattern += match[2] !== undefined ? `(?:${literal(match[2])}|${literal(match[3])})` : '.+?';
    at = match.index + match[0].length;
  }
  pattern += literal(template.slice(at));
  return new RegExp(openEnd ? pattern : `${pattern}$`);
}

/** The sheets are the command's, then the one explaining the columns, each named in any of the languages. */
function sheetsMatch(names: string[] | undefined, sheets: readonly MessageKey[]): boolean {
  if (names === undefined || names.length !== sheets.length + 1) return false;
  return [...sheets, 'workbook.about_sheet' as const].every((key, i) => LANGS.some((lang) => sheetNameMatches(names[i], catalogues[lang][key])));
}

function sheetNameMatches(name: string, template: string): boolean {
  if (templatePattern(template, false).test(name.replace(/\s+/g, ' '))) return true;
  // a name cut at 31 characters: its start is the template's words before the first placeholder, or part of them
  const words = template.split('{', 1)[0];
  return name.length === SHEET_NAME_MAX && words.length > 0 && (name.startsWith(words) || words.startsWith(name));
}

/** The sheet names `xl/workbook.xml` lists, in order; undefined when the file is not a workbook we can read within bounds. */
function workbookSheets(fd: number, size: number): string[] | undefined {
  const xml = zipPart(fd, size, 'xl/workbook.xml');
  if (xml === undefined) return undefined;
  return [...xml.toString('utf8').matchAll(/<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"/g)].map((match) => unescapeXml(match[1]));
}

/** One part of a ZIP file, found through its central directory; every read bounded. */
function zipPart(fd: number, size: number, name: string): Buffer | undefined {
  const tailLength = Math.min(size, END_SEARCH_BYTES);
  const place = directoryPlace(readAt(fd, size - tailLength, tailLength));
  if (place === undefined || place.size > WORKBOOK_LIMIT || place.offset + place.size > size) return undefined;
  const part = zipParts(readAt(fd, place.offset, place.size), 0, place.entries).find((entry) => entry.name === name);
  if (part === undefined || part.packed > WORKBOOK_LIMIT || part.unpacked > WORKBOOK_LIMIT) return undefined;
  const start = partDataStart(part, readAt(fd, part.local, 30));
  if (start === undefined) return undefined;
  const data = readAt(fd, start, part.packed);
  if (part.method === 0) return data;
  if (part.method !== 8) return undefined;
  try {
    return inflateRawSync(data, { maxOutputLength: WORKBOOK_LIMIT });
  } catch {
    return undefined;
  }
}
