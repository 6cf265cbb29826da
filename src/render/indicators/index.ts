// Indicators in every format, dispatched by a typed map.
import type { IndicatorsResult } from '../../indicators/small-area-model.js';
import type { IndicatorFormat, Renderer } from '../formats.js';
import { tableCsv, tableExcelCsv } from '../data-table.js';
import { indicatorsData } from './csv.js';
import { indicatorsJson } from './json.js';
import { indicatorsMarkdown } from './markdown.js';
import { indicatorsTable } from './table.js';

export const INDICATOR_RENDERERS = {
  table: (result, view) => indicatorsTable(result, view.t, view.colors, view.width),
  json: (result) => indicatorsJson(result),
  csv: (result, view) => (view.excel ? tableExcelCsv : tableCsv)(indicatorsData(result, view.t)),
  md: (result, view) => indicatorsMarkdown(result, view.t),
} satisfies Record<IndicatorFormat, Renderer<IndicatorsResult>>;
