// A zone beside its peer zones (`safety-scan benchmark`) in every format: the table and Markdown put
// significant differences first, as the comparison of waves does.
import { indicatorLabel } from '../config/codebook.js';
import { PEER_MIN_CELL, type Benchmark, type BenchmarkRow, type PeerFigure } from '../peers/benchmark.js';
import type { Translate } from '../i18n/index.js';
import { SIGNIFICANT_MARK, formatChange, orderForReading, testedCells, testedJson, testedTexts } from './compare/render.js';
import { UNIT_CODES, shownValue, tableCsv, tableExcelCsv, type DataTable } from './data-table.js';
import type { BenchmarkFormat, Renderer, RenderView } from './formats.js';
import { stableJson } from './json.js';
import { escapeMarkdown, markdownTable } from './markdown.js';
import { formatNumber } from './numbers.js';
import { fitText, renderTable } from './table.js';
import { formatInterval, formatValue } from './indicators/labels.js';

function figureJson(figure: PeerFigure | null) {
  return figure === null ? null : { estimate: figure.estimate, se: figure.se, ci_low: figure.ciLow, ci_high: figure.ciHigh, n: figure.n };
}

export function benchmarkJson(benchmark: Benchmark): string {
  return stableJson({
    schema_version: 1,
    zone: benchmark.zone,
    wave: benchmark.wave,
    level: benchmark.level,
    published: benchmark.published,
    peers: benchmark.peers,
    family_size: benchmark.familySize,
    rows: benchmark.rows.map((row) => ({
      indicator: row.indicator,
      peer: row.peer,
      own: figureJson(row.own),
      other: figureJson(row.other),
      ...testedJson(row),
    })),
  });
}

/** The columns of a benchmark's CSV. */
export const BENCHMARK_COLUMNS = ['indicator', 'unit', 'wave', 'zone', 'estimate', 'ci_low', 'ci_high', 'n', 'peer', 'peer_estimate', 'peer_ci_low', 'peer_ci_high', 'peer_n', 'diff', 'se', 'z', 'p', 'q', 'significant'] as const;

/** The benchmark as rows and columns: the source of its CSV, its CSV for Excel and its workbook sheet. */
export function benchmarkData(benchmark: Benchmark, t: Translate): DataTable {
  return {
    sheet: t('workbook.sheet_peers', { wave: benchmark.wave }),
    meanings: 'benchmark',
    columns: [...BENCHMARK_COLUMNS],
    rows: benchmark.rows.map((row) => [
      row.indicator,
      UNIT_CODES[row.kind],
      benchmark.wave,
      benchmark.zone,
      shownValue(row.own?.estimate ?? null, row.kind),
      shownValue(row.own?.ciLow ?? null, row.kind),
      shownValue(row.own?.ciHigh ?? null, row.kind),
      row.own?.n ?? null,
      row.peer,
      shownValue(row.other.estimate, row.kind),
      shownValue(row.other.ciLow, row.kind),
      shownValue(row.other.ciHigh, row.kind),
      row.other.n,
      ...testedCells(row, row.kind),
    ]),
  };
}

function figureText(figure: PeerFigure | null, row: BenchmarkRow, t: Translate): string {
  if (figure === null) return '–';
  return `${formatValue(figure.estimate, row.kind, t.lang)} (${formatInterval({ ...figure, kind: row.kind }, t.lang)})`;
}

function cells(row: BenchmarkRow, view: Pick<RenderView, 't' | 'definitions'>, terminal: boolean): string[] {
  const { t, definitions } = view;
  const definition = definitions.get(row.indicator);
  const values = [
    definition ? indicatorLabel(definition, t.lang) : row.indicator,
    figureText(row.own, row, t),
    row.peer,
    figureText(row.other, row, t),
    row.diff === null ? '' : formatChange(row.diff, row.kind, t.lang),
  ];
  return [...values, ...testedTexts(row, t, terminal)];
}

function head(benchmark: Benchmark, t: Translate, terminal: boolean): string[] {
  const base = [t('compare.indicator'), benchmark.zone, t('benchmark.peer'), t('benchmark.peer_figure'), t('benchmark.difference')];
  return terminal ? [...base, 'q'] : [...base, 'p', 'q', ''];
}

/** The rows as the Markdown table and the report show them, significant differences first, with their head. */
export function benchmarkRows(benchmark: Benchmark, view: Pick<RenderView, 't' | 'definitions'>): { head: string[]; rows: string[][] } {
  return { head: head(benchmark, view.t, false), rows: orderForReading(benchmark.rows).map((row) => cells(row, view, false)) };
}

export function benchmarkSummary(benchmark: Benchmark, t: Translate): string {
  return t('benchmark.summary', {
    zone: benchmark.zone,
    wave: benchmark.wave,
    published: benchmark.published,
    peers: benchmark.peers.length,
    significant: benchmark.rows.filter((row) => row.significant === true).length,
    tested: benchmark.rows.filter((row) => row.p !== null).length,
    fdr: formatNumber(benchmark.fdr * 100, t.lang, 0),
  });
}

export function benchmarkLegend(benchmark: Benchmark, t: Translate): string {
  return t('benchmark.legend', { level: formatNumber(benchmark.level * 100, t.lang, 0), min: PEER_MIN_CELL });
}

export function benchmarkTable(benchmark: Benchmark, view: RenderView): string {
  const { t, colors, width } = view;
  const heading = `${colors.bold(t('benchmark.heading', { zone: benchmark.zone, wave: benchmark.wave }))}\n`;
  if (benchmark.rows.length === 0) return `${heading}${fitText(benchmarkSummary(benchmark, t), width)}\n${fitText(t('benchmark.no_peers', { wave: benchmark.wave }), width)}\n`;
  const rows = orderForReading(benchmark.rows).map((row) => {
    const line = cells(row, view, true);
    return row.significant === true ? line.map((cell) => colors.bold(cell)) : line;
  });
  return (
    heading +
    renderTable(head(benchmark, t, true), rows, { align: ['left', 'right', 'left', 'right', 'right', 'right'], width, t }) +
    `${fitText(benchmarkSummary(benchmark, t), width)}\n` +
    `${fitText(`${t('benchmark.legend_terminal', { mark: SIGNIFICANT_MARK })} ${benchmarkLegend(benchmark, t)}`, width)}\n`
  );
}

export function benchmarkMarkdown(benchmark: Benchmark, view: RenderView): string {
  const { t } = view;
  const heading = `# ${escapeMarkdown(t('benchmark.heading', { zone: benchmark.zone, wave: benchmark.wave }))}\n\n`;
  if (benchmark.rows.length === 0) return `${heading}${escapeMarkdown(benchmarkSummary(benchmark, t))}\n\n${escapeMarkdown(t('benchmark.no_peers', { wave: benchmark.wave }))}\n`;
  const table = benchmarkRows(benchmark, view);
  return (
    heading +
    markdownTable(table.head.map(escapeMarkdown), table.rows.map((row) => row.map(escapeMarkdown)), ['left', 'right', 'left', 'right', 'right', 'right', 'right', 'left']) +
    `\n${escapeMarkdown(benchmarkSummary(benchmark, t))}\n\n${escapeMarkdown(benchmarkLegend(benchmark, t))}\n`
  );
}

export const BENCHMARK_RENDERERS = {
  table: benchmarkTable,
  json: (benchmark) => benchmarkJson(benchmark),
  csv: (benchmark, view) => (view.excel ? tableExcelCsv : tableCsv)(benchmarkData(benchmark, view.t)),
  md: benchmarkMarkdown,
} satisfies Record<BenchmarkFormat, Renderer<Benchmark>>;
