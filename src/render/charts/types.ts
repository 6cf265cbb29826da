// What every chart takes and gives: plain inputs (no engine types) so the charts stay independent.

/** The reliability flag of an estimate (docs/methods.md section 6). */
export type ChartFlag = 'ok' | 'unreliable' | 'suppressed';

/** Shares are proportions 0..1 drawn on a percentage axis; means and scores keep their own unit. */
export type ValueKind = 'share' | 'mean' | 'score';

/** An estimate with its interval; a suppressed one is never drawn, whatever numbers it carries. */
export interface IntervalEstimate {
  estimate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  flag: ChartFlag;
  /** why an estimate that is not drawn is missing, in the reader's words ("too few answers"); `notShown` when absent */
  hidden?: string;
}

/** The data behind a chart, as plain text cells; the report escapes them when it renders the table. */
export interface DataTable {
  caption: string;
  head: string[];
  rows: string[][];
}

export interface Chart {
  /** inline SVG for an HTML page: no scripts, no external references, no xmlns (HTML supplies it) */
  svg: string;
  table: DataTable;
}

/** A value as people read it, in the value's own unit (a proportion for shares), e.g. 0.388 -> "38,8 %". */
export type FormatValue = (value: number) => string;

/** An axis tick; `decimals` is the fewest that tell the ticks apart (counted in percentage points for shares). */
export type FormatTick = (value: number, decimals: number) => string;

/** Words every chart needs, passed in the report's language. */
export interface CommonLabels {
  title: string;
  /** what the chart shows, in a sentence or two; the chart adds what it leaves out */
  description?: string;
  /** table caption; the title when absent */
  caption?: string;
  /** said in place of a chart when there is nothing to draw */
  empty: string;
  /** legend and table note for hollow points, e.g. "unreliable: read with care" */
  unreliable: string;
  /** why a row is not drawn when the estimate does not say, e.g. "too few answers"; labels the row in the chart */
  notShown: string;
  /** table head and legend word for the estimate */
  estimate: string;
  /** table head for the interval, e.g. "95% interval" */
  interval: string;
  /** table head for the reliability note */
  note: string;
  /** the description's sentence naming what is left out or uncertain, e.g. "Not shown (too few answers): a, b." */
  listed?: ListSentence;
}

/** A sentence of a chart's description that names some rows under a label, in the reader's language. */
export type ListSentence = (label: string, names: readonly string[]) => string;

/** Options every chart accepts. */
export interface ChartOptions {
  /** pixel width of the viewBox; heights follow from the rows */
  width?: number;
  /** id prefix for title and desc; must be unique in the page (a content hash when absent) */
  id?: string;
}

export const DEFAULT_WIDTH = 640;
export const MIN_WIDTH = 280;
export const MAX_WIDTH = 10_000;

/** The width asked for, within MIN_WIDTH..MAX_WIDTH; the default when it is not a number. */
export function chartWidth(width: number | undefined): number {
  if (width === undefined || !Number.isFinite(width)) return DEFAULT_WIDTH;
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.round(width)));
}

/** An estimate that may be drawn: not suppressed, with a finite value. */
export type ShownEstimate = IntervalEstimate & { estimate: number };

/** A suppressed estimate, or one without a finite value, is never drawn. */
export function isDrawable(value: IntervalEstimate): value is ShownEstimate {
  return value.flag !== 'suppressed' && value.estimate !== null && Number.isFinite(value.estimate);
}

export function hasInterval(value: IntervalEstimate): value is IntervalEstimate & { ciLow: number; ciHigh: number } {
  return value.ciLow !== null && value.ciHigh !== null && Number.isFinite(value.ciLow) && Number.isFinite(value.ciHigh);
}

/** The numbers of a drawable estimate, for fitting an axis. */
export function valuesOf(value: IntervalEstimate): number[] {
  if (!isDrawable(value)) return [];
  return hasInterval(value) ? [value.estimate, value.ciLow, value.ciHigh] : [value.estimate];
}

/** The table cells of one estimate: value, interval and note; a suppressed one carries no number at all. */
export function estimateCells(value: IntervalEstimate, format: FormatValue, labels: CommonLabels): string[] {
  if (!isDrawable(value)) return ['', '', hiddenWords(value, labels)];
  const interval = hasInterval(value) ? `${format(value.ciLow)}–${format(value.ciHigh)}` : '';
  return [format(value.estimate), interval, value.flag === 'unreliable' ? labels.unreliable : ''];
}

/** The words a row that is not drawn carries in the chart and in its table. */
export function hiddenWords(value: IntervalEstimate, labels: Pick<CommonLabels, 'notShown'>): string {
  return value.hidden ?? labels.notShown;
}

/** Names grouped by the words that say why they are not drawn, in first-seen order, for the desc and notes. */
export function groupHidden(rows: ReadonlyArray<{ name: string; words: string }>): Array<{ words: string; names: string[] }> {
  const groups = new Map<string, string[]>();
  for (const { name, words } of rows) {
    const names = groups.get(words);
    if (names === undefined) groups.set(words, [name]);
    else names.push(name);
  }
  return [...groups].map(([words, names]) => ({ words, names }));
}
