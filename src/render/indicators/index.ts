// Indicators in every format, dispatched by a typed map.
import type { IndicatorsResult } from '../../indicators/small-area-model.js';
import type { IndicatorFormat, Renderer } from '../formats.js';
import { indicatorsCsv } from './csv.js';
import { indicatorsJson } from './json.js';
import { indicatorsMarkdown } from './markdown.js';
import { indicatorsTable } from './table.js';

export const INDICATOR_RENDERERS = {
  table: (result, view) => indicatorsTable(result, view.t, view.colors),
  json: (result) => indicatorsJson(result),
  csv: (result) => indicatorsCsv(result),
  md: (result, view) => indicatorsMarkdown(result, view.t),
} satisfies Record<IndicatorFormat, Renderer<IndicatorsResult>>;
