// Change between waves in every format: the table and Markdown put significant changes first.
import { leftOutWavesJson } from '../../indicators/left-out.js';
import { leftOutNote } from '../indicators/labels.js';
import type { IndicatorDefinition } from '../../config/codebook.js';
import { indicatorLabel } from '../../config/codebook.js';
import type { TestedDifference, WaveChange, WaveComparison } from '../../compare/waves.js';
import type { Lang, Translate } from '../../i18n/index.js';
import { UNIT_CODES, shownNumber, shownValue, tableCsv, tableExcelCsv, type DataCell, type DataTable } from '../data-table.js';
import type { CompareFormat, Renderer, RenderView } from '../formats.js';
import { stableJson } from '../json.js';
import { escapeMarkdown, markdownTable } from '../markdown.js';
import { formatNumber, pValueText, signedText } from '../numbers.js';
import { fitText, renderTable } from '../table.js';
import { digitsFor, formatValue } from '../indicators/labels.js';

/** A tested difference's cells as every data table writes them: diff, se, z, p, q, significant. */
export function testedCells(row: TestedDifference, kind: WaveChange['kind']): DataCell[] {
  return [shownValue(row.diff, kind), shownValue(row.se, kind), shownNumber(row.z, 2), shownNumber(row.p, 4), shownNumber(row.q, 4), row.significant];
}

/** A tested difference's fields as every JSON output writes them, in one order. */
export function testedJson(row: TestedDifference) {
  return { diff: row.diff, se: row.se, z: row.z, p: row.p, q: row.q, significant: row.significant };
}

export function compareJson(comparison: WaveComparison): string {
  return stableJson({
    schema_version: 2,
    from: comparison.from,
    to: comparison.to,
    family_size: comparison.familySize,
    whole_area_apart: comparison.wholeAreaApart === null ? null : { only_from: comparison.wholeAreaApart.onlyFrom, only_to: comparison.wholeAreaApart.onlyTo },
    // as `indicators --json` gives them under `weighting`, per wave (adversarial run r38, F4)
    respondents_left_out: leftOutWavesJson(comparison.leftOut),
    rows: comparison.rows.map((row) => ({
      indicator: row.indicator,
      district: row.district,
      estimate_from: row.estimateFrom,
      estimate_to: row.estimateTo,
      ...testedJson(row),
    })),
  });
}

/** The columns of a comparison's CSV. */
export const COMPARE_COLUMNS = ['indicator', 'unit', 'district', 'scope', 'from', 'to', 'estimate_from', 'estimate_to', 'diff', 'se', 'z', 'p', 'q', 'significant', 'flag_from', 'flag_to'] as const;

/** The comparison as rows and columns: the source of its CSV, its CSV for Excel and its workbook sheet. */
export function compareData(comparison: WaveComparison, t: Translate): DataTable {
  return {
    sheet: t('workbook.sheet_compare', { from: comparison.from, to: comparison.to }),
    columns: [...COMPARE_COLUMNS],
    rows: comparison.rows.map((row) => [
      row.indicator,
      UNIT_CODES[row.kind],
      row.district ?? '',
      row.district === null ? 'whole_area' : 'district',
      comparison.from,
      comparison.to,
      shownValue(row.estimateFrom, row.kind),
      shownValue(row.estimateTo, row.kind),
      ...testedCells(row, row.kind),
      row.flagFrom,
      row.flagTo,
    ]),
  };
}

/** Significant changes first (largest |z| first), then the rest in their order; untestable rows last. */
export function orderForReading<T extends Pick<WaveChange, 'significant' | 'z'>>(rows: T[]): T[] {
  const rank = (row: T) => (row.significant === true ? 0 : row.significant === false ? 1 : 2);
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => rank(a.row) - rank(b.row) || (rank(a.row) === 0 ? Math.abs(b.row.z ?? 0) - Math.abs(a.row.z ?? 0) : 0) || a.index - b.index)
    .map(({ row }) => row);
}

/** A change in the indicator's own terms: percentage points for shares. */
export function formatChange(diff: number, kind: WaveChange['kind'], lang: Lang): string {
  return signedText(kind === 'share' ? diff * 100 : diff, lang, digitsFor(kind));
}

function formatP(p: number | null, t: Translate): string {
  return p === null ? '' : pValueText(p, t);
}

/** A row's cells; `terminal` is the narrow form (q only, ◆ for a significant change) that fits 80 columns. */
function cells(row: WaveChange, definitions: ReadonlyMap<string, IndicatorDefinition>, t: Translate, terminal = false): string[] {
  const lang = t.lang;
  const definition = definitions.get(row.indicator);
  const name = definition ? indicatorLabel(definition, lang) : row.indicator;
  const estimate = (value: number | null, flag: WaveChange['flagFrom']) => (value === null ? '–' : `${formatValue(value, row.kind, lang)}${flag === 'unreliable' ? '*' : ''}`);
  const values = [name, row.district ?? t('indicators.whole_area'), estimate(row.estimateFrom, row.flagFrom), estimate(row.estimateTo, row.flagTo), row.diff === null ? '' : formatChange(row.diff, row.kind, lang)];
  return [...values, ...testedTexts(row, t, terminal)];
}

/** The terminal's mark of a significant difference (explained under the table). */
export const SIGNIFICANT_MARK = '◆';

/**
 * A tested difference's last cells as tables show them: on a terminal q alone, with ◆ when significant (the mark
 * sits in the q cell: a column of its own would not fit 80 columns in Dutch; figures stay aligned); elsewhere p,
 * q and a word for significant or not testable.
 */
export function testedTexts(row: TestedDifference, t: Translate, terminal: boolean): string[] {
  if (terminal) return [row.q === null ? '' : `${formatP(row.q, t)} ${row.significant === true ? SIGNIFICANT_MARK : '\u2007'}`];
  const marker = row.significant === true ? t('compare.significant_marker') : row.significant === false ? '' : t('compare.untestable_marker');
  return [formatP(row.p, t), formatP(row.q, t), marker];
}

function head(comparison: WaveComparison, t: Translate, terminal = false): string[] {
  const base = [t('compare.indicator'), t('indicators.district'), comparison.from, comparison.to, t('compare.change')];
  return terminal ? [...base, 'q'] : [...base, 'p', 'q', ''];
}

export function compareTable(comparison: WaveComparison, view: RenderView): string {
  const { definitions, t, colors, width } = view;
  const rows = orderForReading(comparison.rows).map((row) => {
    const line = cells(row, definitions, t, true);
    return row.significant === true ? line.map((cell) => colors.bold(cell)) : line;
  });
  const significant = comparison.rows.filter((row) => row.significant === true).length;
  return (
    `${colors.bold(t('compare.heading', { from: comparison.from, to: comparison.to }))}\n` +
    renderTable(head(comparison, t, true), rows, { align: ['left', 'left', 'right', 'right', 'right', 'right'], width, t }) +
    `${fitText(t('compare.summary', { significant, tested: comparison.rows.filter((row) => row.p !== null).length, fdr: formatNumber(comparison.fdr * 100, t.lang, 0) }), width)}\n` +
    `${fitText([t('compare.legend_terminal', { mark: SIGNIFICANT_MARK }), t('compare.legend'), ...leftOutNote(comparison.leftOut, t)].join(' '), width)}\n`
  );
}

export function compareMarkdown(comparison: WaveComparison, definitions: ReadonlyMap<string, IndicatorDefinition>, t: Translate): string {
  const rows = orderForReading(comparison.rows).map((row) => cells(row, definitions, t).map((cell) => escapeMarkdown(cell)));
  return (
    `# ${escapeMarkdown(t('compare.heading', { from: comparison.from, to: comparison.to }))}\n\n` +
    markdownTable(head(comparison, t), rows, ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'left']) +
    `\n${escapeMarkdown(t('compare.summary', { significant: comparison.rows.filter((row) => row.significant === true).length, tested: comparison.rows.filter((row) => row.p !== null).length, fdr: formatNumber(comparison.fdr * 100, t.lang, 0) }))}\n\n` +
    `${escapeMarkdown([t('compare.legend'), ...leftOutNote(comparison.leftOut, t)].join(' '))}\n`
  );
}

export const COMPARE_RENDERERS = {
  table: (comparison, view) => compareTable(comparison, view),
  json: (comparison) => compareJson(comparison),
  csv: (comparison, view) => (view.excel ? tableExcelCsv : tableCsv)(compareData(comparison, view.t)),
  md: (comparison, view) => compareMarkdown(comparison, view.definitions, view.t),
} satisfies Record<CompareFormat, Renderer<WaveComparison>>;
