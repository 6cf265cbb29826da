// A report as a small document model (headings, paragraphs, lists, tables, figures). The HTML and Markdown
// renderers serialise the same model, so both carry the same content. Every text here is plain and
// unescaped: escaping is the renderers' job.
import type { Chart } from '../render/charts/index.js';

export interface CellStyle {
  text: string;
  /** a CSS class for HTML (risk colours, whose CSS also draws the shape) */
  className?: string;
  /** the shape Markdown shows before the text, where there is no CSS to draw it */
  marker?: string;
}

export type Cell = string | CellStyle;

/** A list item that links within the report (the contents). */
export interface ListLink {
  text: string;
  href: string;
}

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3; text: string; id?: string }
  | { type: 'paragraph'; text: string; className?: string }
  | { type: 'list'; items: Array<string | ListLink>; className?: string }
  | {
      type: 'table';
      caption: string;
      head: string[];
      rows: Cell[][];
      align?: Array<'left' | 'right'>;
      className?: string;
      /** a longer text per row (a goal's reason): a full-width line under its row in HTML, a last column in Markdown */
      details?: { head: string; cells: string[] };
    }
  | { type: 'figure'; name: string; chart: Chart }
  | { type: 'section'; id: string; className: string; blocks: Block[] }
  /** blocks printed on one page together (a heading with what it introduces), so no page holds one of them alone */
  | { type: 'group'; blocks: Block[] };

/** What every printed page repeats (CSS paged media): the report and its zone, the date, and "page 3 of 24". */
export interface RunningText {
  head: string;
  date: string;
  /** the words around the page number and the page count, e.g. ["page ", " of ", ""] */
  pageOf: [string, string, string];
}

export interface ReportDocument {
  lang: string;
  title: string;
  blocks: Block[];
  footer: string;
  /** the summary of the data table under each chart */
  dataLabel: string;
  running: RunningText;
}

export function cellText(cell: Cell): string {
  return typeof cell === 'string' ? cell : cell.text;
}

/** A name safe in file names and HTML ids: ASCII letters, digits and hyphens only ('' when none is left). */
function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/** FNV-1a over the name's UTF-16 units, as 8 hex digits: the same name always gets the same tag. */
function tag(text: string, seed: number): string {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** File names longer than this (before `.html`) are shortened: many long district names would pass a file system's 255 bytes. */
const REPORT_NAME_LIMIT = 160;

/**
 * The file name (without extension) of a report: `report-<wave>-<lang>` for the whole zone; a report of chosen
 * districts adds their slugs (of every district of the store, as the report's ids), joined by `_`, which no
 * slug holds: `report-2026-oudegem-en`, `report-2026-baasrode_oudegem-en`. So the two never share a file and a
 * district report never replaces the whole zone's. Too long a list is named by its count and a tag of its names.
 */
export function reportBaseName(wave: string, lang: string, all: readonly string[], chosen: readonly string[] | null): string {
  if (chosen === null) return `report-${wave}-${lang}`;
  const slugs = districtSlugs(all);
  const picked = all.filter((name) => chosen.includes(name));
  const joined = picked.map((name) => slugs.get(name) ?? asciiSlug(name)).join('_');
  const part = joined.length <= REPORT_NAME_LIMIT ? joined : `${picked.length}-districts-${tag(picked.join('\n'), 0)}`;
  return `report-${wave}-${part}-${lang}`;
}

/** The whole area's figures are named `area-<indicator>`, `area-trend` and `area-benchmark`; a district's are `<slug>-trend` and so on. */
const AREA = 'area';
/** Figures of the whole area whose names follow `area-`: no indicator may take these slugs. */
const AREA_FIGURES: ReadonlySet<string> = new Set(['trend', 'benchmark']);

/**
 * The slugs of districts: as {@link uniqueSlugs}, but a district whose slug is `area` or starts with `area-`
 * (a district named "Area") is renamed `district-…`, so no district's chart file or id can be the whole area's.
 */
export function districtSlugs(names: readonly string[]): Map<string, string> {
  return uniqueSlugs(names, (slug) => slug === AREA || slug.startsWith(`${AREA}-`), 'district');
}

/** The slugs of the headline indicators, whose charts are `area-<slug>`: `trend` and `benchmark` are the area's own. */
export function indicatorSlugs(ids: readonly string[]): Map<string, string> {
  return uniqueSlugs(ids, (slug) => AREA_FIGURES.has(slug), 'indicator');
}

/**
 * A slug per name, unique within the set, for file names and HTML ids. A name keeps its plain slug when no
 * other name of the set shares it; names that share one ("Sint Denijs", "Sint-Denijs") or have none (a name
 * in another script) all get a tag from their exact text, so what a name is called never depends on which
 * other names happen to be in the report. A plain slug the caller reserves gets `<prefix>-` before it.
 */
export function uniqueSlugs(names: readonly string[], reserved: (slug: string) => boolean = () => false, prefix = 'x'): Map<string, string> {
  const distinct = [...new Set(names)];
  const plain = new Map(
    distinct.map((name) => {
      const slug = asciiSlug(name);
      return [name, reserved(slug) ? `${prefix}-${slug}` : slug];
    }),
  );
  const uses = new Map<string, number>();
  for (const slug of plain.values()) uses.set(slug, (uses.get(slug) ?? 0) + 1);
  const slugs = new Map<string, string>();
  const taken = new Set<string>();
  for (const name of distinct) {
    const base = plain.get(name) ?? '';
    let slug = base !== '' && uses.get(base) === 1 ? base : `${base || 'x'}-${tag(name, 0)}`;
    // two tags alike is a one-in-four-billion chance; a second seed settles it
    for (let seed = 1; taken.has(slug); seed++) slug = `${base || 'x'}-${tag(name, seed)}`;
    taken.add(slug);
    slugs.set(name, slug);
  }
  return slugs;
}
